// 规则版本 (GET /api/supervision/rules/:code/versions): the version history of one rule (newest
// first, the live one marked), 新建版本 from any version, 回测 of any version, 启用此版本 with a
// reason (POST …/activate), 停用规则 (a copy of the live version with no enabled level, made
// live at once) and the activation record. Activation is offered only when the server says the
// user may (`mayActivate`: rules are platform-wide; the top of the platform activates).
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Table, Tag, Timeline, Typography } from 'antd';
import { api } from '../../../api';
import { ReasonModal } from '../../../components/ReasonModal';
import { useApiData } from '../../../hooks/useApiData';
import { useFeedback } from '../../../hooks/useFeedback';
import { formatInstant } from '../../../utils/format';
import { REGION_LEVELS, label } from '../labels';
import { LevelTag } from './tags';
import { RuleBacktestDrawer, type RuleBacktestTarget } from './RuleBacktestDrawer';
import { RuleVersionForm, type RuleVersionBase } from './RuleVersionForm';

export interface RuleVersion {
  version: number;
  severity: string;
  params: Record<string, unknown>;
  enabledLevels: string[];
  note: string | null;
  createdAt: string;
  createdBy: number | null;
  createdByName: string | null;
  active: boolean;
}

export interface RuleVersions {
  rule: { code: string; kind: string; name: string; category: string; basis: string; severity: string; params: Record<string, unknown>; enabledLevels: string[]; version: number; updatedAt: string; updatedByName: string | null };
  activeVersion: number;
  mayActivate: boolean;
  levels: string[];
  versions: RuleVersion[];
  activations: { at: string; version: number | null; previousVersion: number | null; reason: string | null; byName: string | null }[];
}

export const levelTags = (ls: string[]) => (ls.length ? ls.map((l) => <Tag key={l}>{label(REGION_LEVELS, l)}</Tag>) : <Tag color="default">未启用</Tag>);

export function RuleVersionsDrawer({ code, onClose, onChanged }: { code: string | null; onClose: () => void; onChanged: () => void }) {
  const feedback = useFeedback();
  const data = useApiData<RuleVersions>(code ? `/api/supervision/rules/${code}/versions` : null);
  const [base, setBase] = useState<(RuleVersionBase & { fromVersion: number }) | null>(null);
  const [backtest, setBacktest] = useState<RuleBacktestTarget | null>(null);
  const [activating, setActivating] = useState<RuleVersion | null>(null);
  const [disabling, setDisabling] = useState(false);
  const d = code && data.data?.rule.code === code ? data.data : undefined;
  const active = d?.versions.find((v) => v.active);

  const activate = async (version: number, reason: string) => {
    await api.post(`/api/supervision/rules/${code}/activate`, { version, reason });
    feedback.success(`已启用第 ${version} 版`);
    data.reload();
    onChanged();
  };

  /** 停用: a new version = the live one with no enabled level, made live with the same reason. */
  const disable = async (reason: string) => {
    if (!active) return;
    const r = await api.post<{ version: RuleVersion }>(`/api/supervision/rules/${code}/versions`, {
      severity: active.severity, params: active.params, enabledLevels: [], note: `停用规则：${reason}`,
    });
    await activate(r.version.version, reason);
    setDisabling(false);
  };

  const fromVersion = (v: RuleVersion) => setBase({ severity: v.severity, params: v.params, enabledLevels: v.enabledLevels, fromVersion: v.version });

  return (
    <Drawer open={!!code} width={1000} title={d ? `规则版本：${d.rule.name}` : '规则版本'} onClose={onClose} loading={data.loading && !d}>
      {d && (
        <div data-testid="rule-versions" data-code={d.rule.code} data-active-version={d.activeVersion}>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="编码"><Typography.Text code>{d.rule.code}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label="生效版本">
              <span data-testid="rule-active-version" data-version={d.activeVersion}>第 {d.activeVersion} 版</span>
            </Descriptions.Item>
            <Descriptions.Item label="依据">{d.rule.basis}</Descriptions.Item>
            <Descriptions.Item label="启用层级">{levelTags(d.rule.enabledLevels)}</Descriptions.Item>
            <Descriptions.Item label="最近变更" span={2}>{formatInstant(d.rule.updatedAt)}{d.rule.updatedByName ? `（${d.rule.updatedByName}）` : ''}</Descriptions.Item>
          </Descriptions>
          {!d.mayActivate && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="rule-activate-top-only"
              title="监察规则在全平台生效：您可以新建版本并回测，启用版本由辖区覆盖全平台的监察机关办理。" />
          )}
          <Space style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={() => active && fromVersion(active)} disabled={!active} data-testid="rule-version-new">新建版本</Button>
            {d.mayActivate && active && active.enabledLevels.length > 0 && (
              <Button danger onClick={() => setDisabling(true)} data-testid="rule-disable">停用规则</Button>
            )}
          </Space>
          <Table<RuleVersion>
            rowKey="version"
            size="small"
            pagination={false}
            dataSource={d.versions}
            scroll={{ x: 'max-content' }}
            data-testid="rule-version-table"
            onRow={(v) => ({ 'data-testid': `rule-version-row-${v.version}`, 'data-active': String(v.active) } as React.HTMLAttributes<HTMLElement>)}
            columns={[
              { title: '版本', dataIndex: 'version', render: (n: number, v) => <Space size={4}>第 {n} 版{v.active && <Tag color="green" data-testid="rule-version-active">生效中</Tag>}</Space> },
              { title: '等级', dataIndex: 'severity', render: (s: string) => <LevelTag level={s} /> },
              { title: '启用层级', dataIndex: 'enabledLevels', render: levelTags },
              {
                title: '参数', dataIndex: 'params',
                render: (p: Record<string, unknown>) => (Object.keys(p).length
                  ? <Typography.Text code style={{ whiteSpace: 'pre-wrap', display: 'inline-block', maxWidth: 280 }}>{JSON.stringify(p)}</Typography.Text>
                  : '—'),
              },
              { title: '修订说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              { title: '编写', key: 'by', render: (_: unknown, v) => <span>{v.createdByName ?? '系统'}<br /><Typography.Text type="secondary">{formatInstant(v.createdAt)}</Typography.Text></span> },
              {
                title: '操作', key: 'op', fixed: 'right',
                render: (_: unknown, v) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => setBacktest({ code: d.rule.code, name: d.rule.name, version: v.version })} data-testid={`rule-version-backtest-${v.version}`}>回测</Button>
                    <Button size="small" onClick={() => fromVersion(v)} data-testid={`rule-version-copy-${v.version}`}>以此新建</Button>
                    {d.mayActivate && !v.active && (
                      <Button size="small" type="primary" ghost onClick={() => setActivating(v)} data-testid={`rule-version-activate-${v.version}`}>启用此版本</Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {d.activations.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>启用记录</Typography.Title>
              <Timeline
                data-testid="rule-activations"
                items={d.activations.map((a, i) => ({
                  key: i,
                  content: (
                    <span data-testid={`rule-activation-${i}`} data-version={a.version ?? ''}>
                      {formatInstant(a.at)} {a.byName ?? ''} 启用第 {a.version} 版{a.previousVersion ? `（原第 ${a.previousVersion} 版）` : ''}：{a.reason}
                    </span>
                  ),
                }))}
              />
            </>
          )}
        </div>
      )}
      <RuleVersionForm
        code={code ?? ''}
        base={base}
        levels={d?.levels ?? []}
        onClose={() => setBase(null)}
        onCreated={() => {
          setBase(null);
          data.reload();
        }}
      />
      <RuleBacktestDrawer target={backtest} onClose={() => setBacktest(null)} />
      <ReasonModal
        open={!!activating}
        title={activating ? `启用第 ${activating.version} 版` : ''}
        subject={activating ? `启用后该版本的等级、参数和启用层级立即在全平台生效（当前生效第 ${d?.activeVersion} 版）。${activating.enabledLevels.length ? '' : '该版本未启用任何层级，启用即停用该规则。'}` : undefined}
        label="启用原因"
        okText="确认启用"
        danger={false}
        maxLength={500}
        onCancel={() => setActivating(null)}
        onSubmit={async (reason) => {
          await activate(activating!.version, reason);
          setActivating(null);
        }}
      />
      <ReasonModal
        open={disabling}
        title="停用规则"
        subject="将新建一个不启用任何层级的版本并立即启用，该规则在全平台停止发出信号；可随时启用其他版本恢复。"
        label="停用原因"
        okText="确认停用"
        maxLength={400}
        onCancel={() => setDisabling(false)}
        onSubmit={disable}
      />
    </Drawer>
  );
}
