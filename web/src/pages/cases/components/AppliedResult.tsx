// The case number and the query password, shown once after an application.
import type { ReactNode } from 'react';
import { Alert, Descriptions, Result, Typography } from 'antd';
import type { Applied } from '../model';

export function AppliedResult({ applied, extra, title = '申请已提交' }: { applied: Applied; extra?: ReactNode; title?: string }) {
  return (
    <Result
      status="success"
      title={title}
      data-testid="applied-result"
      subTitle="请妥善保存办件流水号和查询密码，凭此可在网上办事大厅查询办理进度。"
      extra={extra}
    >
      <Descriptions
        bordered
        column={1}
        size="small"
        items={[
          { key: 'no', label: '办件流水号', children: <Typography.Text copyable strong data-testid="applied-case-no">{applied.caseNo}</Typography.Text> },
          { key: 'pw', label: '查询密码', children: <Typography.Text copyable strong data-testid="applied-password">{applied.queryPassword}</Typography.Text> },
          ...(applied.subCases.length
            ? [{ key: 'subs', label: '并联审批子件', children: applied.subCases.map((s) => s.caseNo).join('、') }]
            : []),
        ]}
      />
      <Alert style={{ marginTop: 16 }} type="warning" showIcon title="查询密码仅显示这一次，系统不保存明文，遗失后无法找回。" />
    </Result>
  );
}
