// The internal flow (CAT-4) as a Steps diagram: kind, post, duty, limit and legal returns.
import { Alert, Steps, Typography } from 'antd';
import type { TimeLimit } from '../model';
import { formatLimit, limitExceeds, stepsTotal } from '../labels';

export interface FlowStepView {
  code: string;
  kindName: string;
  name: string;
  post: string;
  duty: string;
  limit: TimeLimit;
  /** Codes of earlier steps this step may return to (staff view only). */
  returnTo?: string[];
}

interface Props {
  steps: FlowStepView[];
  /** Shows the sum of step limits against it. */
  promisedLimit?: TimeLimit;
  orientation?: 'horizontal' | 'vertical';
  testId?: string;
}

export function FlowSteps({ steps, promisedLimit, orientation = 'vertical', testId = 'flow-steps' }: Props) {
  if (!steps.length) return <Typography.Text type="secondary">未设定内部流程</Typography.Text>;
  const nameOf = new Map(steps.map((s) => [s.code, s.name]));
  const total = promisedLimit ? stepsTotal(steps, promisedLimit) : null;
  return (
    <div data-testid={testId}>
      {total && promisedLimit && (
        <Alert
          style={{ marginBottom: 16 }}
          type={limitExceeds(total, promisedLimit) ? 'warning' : 'info'}
          showIcon
          title={`各环节时限合计 ${formatLimit(total)}，承诺期限 ${formatLimit(promisedLimit)}`}
        />
      )}
      <Steps
        orientation={orientation}
        titlePlacement={orientation === 'horizontal' ? 'vertical' : undefined}
        size="small"
        current={steps.length}
        items={steps.map((s) => ({
          status: 'process' as const,
          title: s.name,
          subTitle: orientation === 'vertical' ? `${s.kindName} · ${s.code}` : undefined,
          content: (
            <div data-testid={`flow-step-${s.code}`} className="flow-step">
              {orientation === 'horizontal' && s.kindName !== s.name && <div>{s.kindName}</div>}
              <div>岗位：{s.post}</div>
              {s.duty && <div>职责：{s.duty}</div>}
              <div data-testid={`flow-step-${s.code}-limit`}>时限：{formatLimit(s.limit)}</div>
              {s.returnTo && (
                <div>
                  可退回至：
                  {s.returnTo.length ? s.returnTo.map((c) => `${nameOf.get(c) ?? c}（${c}）`).join('、') : '不可退回'}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </div>
  );
}
