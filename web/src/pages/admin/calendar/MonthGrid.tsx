// Month grid, Monday first. Each cell: day number, 休/班 tag with the holiday name,
// weekends greyed; `data-kind` carries the API's day kind for tests.
import type { KeyboardEvent } from 'react';
import { Tag } from 'antd';
import { WEEKDAY_HEADERS } from '../../../labels';
import type { CalendarDay } from '../../../types';

interface Props {
  year: number;
  month: number;
  days: CalendarDay[];
  today: string;
  editable: boolean;
  onPick: (day: CalendarDay) => void;
}

/** Monday = 0 … Sunday = 6, for a `YYYY-MM-DD` date. */
function mondayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function DayTag({ day }: { day: CalendarDay }) {
  if (day.kind === 'holiday') return <Tag color="red" style={{ marginInlineEnd: 0 }}>休</Tag>;
  if (day.kind === 'makeup') return <Tag color="orange" style={{ marginInlineEnd: 0 }}>班</Tag>;
  return null;
}

export function MonthGrid({ year, month, days, today, editable, onPick }: Props) {
  const lead = days.length ? mondayIndex(days[0].date) : 0;
  const trail = (7 - ((lead + days.length) % 7)) % 7;
  const key = (e: KeyboardEvent, day: CalendarDay) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPick(day);
    }
  };

  return (
    <div className="calendar-grid" data-testid="calendar-grid" data-year={year} data-month={month}>
      {WEEKDAY_HEADERS.map((w, i) => (
        <div key={w} className="calendar-head" style={i >= 5 ? { color: '#cf1322' } : undefined}>
          {w}
        </div>
      ))}
      {Array.from({ length: lead }, (_, i) => (
        <div key={`lead-${i}`} className="calendar-blank" />
      ))}
      {days.map((day) => {
        const classes = ['calendar-cell', day.kind, day.date === today ? 'today' : '', editable ? 'editable' : ''].filter(Boolean);
        const dayNumber = Number(day.date.slice(8));
        const label = day.name ?? (day.kind === 'weekend' ? '周末' : '');
        return (
          <div
            key={day.date}
            className={classes.join(' ')}
            data-testid={`calendar-day-${day.date}`}
            data-kind={day.kind}
            data-working={day.working}
            role={editable ? 'button' : undefined}
            tabIndex={editable ? 0 : undefined}
            title={editable ? '点击设置该日' : undefined}
            onClick={editable ? () => onPick(day) : undefined}
            onKeyDown={editable ? (e) => key(e, day) : undefined}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <span className="day-number">{dayNumber}</span>
              <DayTag day={day} />
            </div>
            {label && (
              <span className="day-name" style={{ color: day.kind === 'holiday' ? '#cf1322' : day.kind === 'makeup' ? '#d46b08' : undefined }}>
                {label}
              </span>
            )}
          </div>
        );
      })}
      {Array.from({ length: trail }, (_, i) => (
        <div key={`trail-${i}`} className="calendar-blank" />
      ))}
    </div>
  );
}
