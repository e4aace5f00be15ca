import type { Generated } from 'kysely';

export interface CalendarTables {
  calendar_days: {
    date: string;
    kind: 'holiday' | 'workday';
    name: string;
    source: 'chinese-days' | 'admin' | 'import';
    updated_at: Generated<Date>;
    updated_by: number | null;
  };
}
