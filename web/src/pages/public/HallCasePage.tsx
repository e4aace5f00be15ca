// The applicant's case page: progress, notices to download, supply materials after a
// supplement notice, withdraw the application.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Result, Space, Spin } from 'antd';
import { api } from '../../api';
import { useApiData } from '../../hooks/useApiData';
import { errorMessage, useFeedback } from '../../hooks/useFeedback';
import { ReasonModal } from '../../components/ReasonModal';
import type { ApplicantPart, ApplicantView, CommandResult } from '../cases/model';
import { ApplicantCaseView } from '../cases/components/ApplicantCaseView';
import { MaterialsInput, toMaterialInputs, type MaterialDrafts, type MaterialRow } from '../cases/components/MaterialsInput';

const WITHDRAWABLE = ['submitted', 'supplement_requested', 'in_process', 'processing_supplement', 'suspended', 'special_procedure'];

export default function HallCasePage() {
  const { id } = useParams();
  const feedback = useFeedback();
  const { data, loading, error, reload } = useApiData<ApplicantView>(`/api/public/cases/${id}`, undefined, { quiet: true });
  const [withdrawing, setWithdrawing] = useState(false);

  if (!data) {
    if (loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
    return <Result status="404" title="办件不存在" subTitle={errorMessage(error)} extra={<Link to="/hall/my-cases"><Button>我的办件</Button></Link>} />;
  }
  const canWithdraw = WITHDRAWABLE.includes(data.status);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/hall/my-cases">我的办件</Link> }, { title: data.caseNo }]} />
      <ApplicantCaseView
        view={data}
        docBase={`/api/public/cases/${data.id}`}
        supplyArea={(p) => <SupplyForm caseId={data.id} part={p} onDone={reload} />}
        extra={
          canWithdraw && (
            <Button danger onClick={() => setWithdrawing(true)} data-testid="applicant-withdraw">
              撤回申请
            </Button>
          )
        }
      />
      <ReasonModal
        open={withdrawing}
        title="撤回申请"
        subject="撤回后本次申请终止办理，如需办理须重新申请。"
        label="撤回原因"
        okText="确认撤回"
        optional
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (reason) => {
          await api.post<CommandResult>(`/api/public/cases/${data.id}/withdraw`, { reason: reason || undefined });
          setWithdrawing(false);
          feedback.success('已撤回申请');
          reload();
        }}
      />
    </Space>
  );
}

/** Upload the materials a supplement notice names (one row per named material). */
function SupplyForm({ caseId, part, onDone }: { caseId: number; part: ApplicantPart; onDone: () => void }) {
  const feedback = useFeedback();
  const [drafts, setDrafts] = useState<MaterialDrafts>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows: MaterialRow[] = (part.supplement?.items ?? []).map((i, n) => ({
    key: i.materialCode ?? `x${n}`,
    code: i.materialCode,
    name: i.name,
    required: true,
    hint: i.problem,
  }));
  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const materials = await toMaterialInputs(rows, drafts);
      if (!materials.length) {
        setError('请至少上传一份补正材料');
        return;
      }
      await api.post<CommandResult>(`/api/public/cases/${caseId}/supplement`, { materials });
      feedback.success('补正材料已提交');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title="提交补正材料" data-testid="supply-form">
      <MaterialsInput rows={rows} value={drafts} onChange={setDrafts} testId="supply-materials" />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="supply-error" />}
      <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={() => void submit()} data-testid="supply-submit">
        提交补正材料
      </Button>
    </Card>
  );
}
