// 工作日历: month grid with holidays (休) and make-up working days (班); users with
// calendar.manage click a day to change it, or import a list; plus a deadline calculator.
import { useState } from 'react';
import { Button, Col, DatePicker, Row, Space, Tag, Typography } from 'antd';
import { ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useAuth } from '../../../auth/context';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { PageCard } from '../../../components/PageCard';
import { useApiData } from '../../../hooks/useApiData';
import type { CalendarDay, CalendarMonth } from '../../../types';
import { chinaToday } from '../../../utils/format';
import { DayEditModal } from './DayEditModal';
import { DeadlineCard } from './DeadlineCard';
import { ImportModal } from './ImportModal';
import { MonthGrid } from './MonthGrid';

function shift(ym: { year: number; month: number }, delta: number) {
  const i = ym.year * 12 + (ym.month - 1) + delta;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

export default function CalendarPage() {
  const { can } = useAuth();
  const canManage = can('calendar.manage');
  const today = chinaToday();
  const [ym, setYm] = useState(() => ({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }));
  const { data, loading, reload } = useApiData<CalendarMonth>('/api/calendar/month', ym);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const [importing, setImporting] = useState(false);
  const shown = data && data.year === ym.year && data.month === ym.month ? data : undefined;
  const holidays = shown?.days.filter((d) => d.kind === 'holiday').length ?? 0;
  const working = shown?.days.filter((d) => d.working).length ?? 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={17}>
        <PageCard
          title="工作日历"
          extra={
            canManage && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
                导入
              </Button>
            )
          }
        >
          <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
            <Space>
              <Button icon={<LeftOutlined />} onClick={() => setYm(shift(ym, -1))} data-testid="calendar-prev" aria-label="上个月" />
              <DatePicker
                picker="month"
                allowClear={false}
                value={dayjs(`${ym.year}-${String(ym.month).padStart(2, '0')}-01`)}
                format="YYYY年M月"
                onChange={(d) => d && setYm({ year: d.year(), month: d.month() + 1 })}
                data-testid="calendar-month-picker"
              />
              <Button icon={<RightOutlined />} onClick={() => setYm(shift(ym, 1))} data-testid="calendar-next" aria-label="下个月" />
              <Button onClick={() => setYm({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) })}>本月</Button>
            </Space>
            <Space size="small" wrap>
              <Tag color="red">休</Tag>法定节假日
              <Tag color="orange">班</Tag>调休上班日
              <Tag>周末</Tag>
              {shown && (
                <Typography.Text type="secondary" data-testid="calendar-summary">
                  本月工作日 {working} 天{holidays ? `，节假日 ${holidays} 天` : ''}
                </Typography.Text>
              )}
            </Space>
          </Space>
          {shown ? (
            <MonthGrid year={shown.year} month={shown.month} days={shown.days} today={today} editable={canManage} onPick={setEditing} />
          ) : (
            loading && <FullPageSpin />
          )}
          {canManage && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              点击日期可设置为法定节假日、调休上班日或恢复默认。
            </Typography.Paragraph>
          )}
        </PageCard>
      </Col>
      <Col xs={24} xl={7}>
        <DeadlineCard />
      </Col>
      <DayEditModal
        day={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          setImporting(false);
          reload();
        }}
      />
    </Row>
  );
}
