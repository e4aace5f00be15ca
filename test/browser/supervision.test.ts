// Browser journey for electronic supervision (issue 5): a case's step clock runs out while the
// supervisor watches the console; the sweep (driven with the harness clock, no sleeps) raises a
// red signal that appears live on the open console through server-sent events, without reload;
// the unit's leader explains; the supervisor records a finding (成立); the ledger shows it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { browserSkipReason, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { Client, TestClock, DEMO_PASSWORD, type Harness } from '../helpers/app.ts';
import { seedDemoItems } from '../../src/catalog/demo-items.ts';
import { itemId } from '../helpers/cases.ts';
import { acceptedCase, openClocks } from '../helpers/supervision.ts';
import { sweep } from '../../src/supervision/sweep.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('supervision console in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  let h: Harness;
  before(async () => {
    b = await startBrowserHarness({
      clock: new TestClock(),
      seed: async (tdb, clock) => {
        await seedDemoItems(tdb.database.db, clock.now());
      },
    });
    // The API helpers need only the app, the database, the clock and sign-in.
    h = {
      app: b.app, tdb: b.tdb, clock: b.clock,
      client: () => new Client(b.app),
      login: async (username: string, password = DEMO_PASSWORD) => {
        const c = new Client(b.app);
        const r = await c.post('/api/auth/login', { username, password });
        if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
        return c;
      },
      close: async () => {},
    } as Harness;
  });
  after(() => b?.close());

  async function signInAs(username: string) {
    const { page, baseUrl } = b;
    if (await page.getByTestId('logout').count()) {
      await page.getByTestId('logout').click();
      await page.getByTestId('login-username').waitFor();
    }
    await signIn(page, baseUrl, username);
    await page.getByTestId('current-user').waitFor();
  }

  test('an overdue step turns red live on the console; the unit explains, the supervisor finds it valid, the ledger shows it', async () => {
    const { page, baseUrl } = b;
    const db = b.tdb.database.db;

    // 1. A window clerk enters and accepts a case of 食品经营许可: its first step clock runs.
    const ck = await h.login('ck01');
    const caseId = await acceptedCase(h, ck, await itemId(h, '食品经营许可'));
    const step = (await openClocks(h, caseId)).find((c) => c.kind === 'step');
    assert.ok(step?.due_at, 'the step clock has a due instant');
    const due = step.due_at;

    // 2. Shortly before the step is due the supervisor opens the console (sessions stay fresh).
    b.clock.t = new Date(due.getTime() - 60_000);
    await signInAs('jcj_city');
    await page.getByTestId('menu-sup-overview').click();
    await page.locator('[data-testid="sup-live-status"][data-state="open"]').first().waitFor();
    await page.getByTestId('chart-trend').waitFor();
    const redBefore = Number(await page.getByTestId('overview-total-red').getAttribute('data-raised'));
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // 3. The instant passes; the timer's sweep raises the red signal (called directly, harness clock).
    b.clock.t = new Date(due.getTime() + 60_000);
    const swept = await sweep(db, b.clock.now(), 1000);
    assert.ok(swept.signalled >= 1, JSON.stringify(swept));
    const red = await sql<{ id: number; signal_no: string }>`
      select id, signal_no from signals where case_id = ${caseId} and clock_kind = 'step' and level = 'red'`.execute(db);
    assert.equal(red.rows.length, 1, 'exactly one red signal on the step');
    const signalId = red.rows[0].id;

    // It appears on the open console without a reload, and the totals follow.
    const live = page.locator(`[data-testid="live-signal-${signalId}"][data-level="red"]`);
    await live.waitFor();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="overview-total-red"]')?.getAttribute('data-raised')) > n,
      redBefore,
    );
    assert.equal(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), true, 'no reload happened');

    // The signal detail: evidence (the clock as it stood), the chain, the 督办通知书.
    await live.getByRole('link').click();
    await page.waitForURL(new RegExp(`/supervision/signals/${signalId}$`));
    await page.locator('[data-testid="signal-detail"][data-status="raised"]').waitFor();
    await page.getByTestId('evidence-clock').waitFor();
    assert.match(await page.getByTestId('signal-explanation').innerText(), /届满/);
    await page.locator('[data-testid="signal-event-1"][data-type="signal.raised"]').waitFor();
    assert.match(await page.getByTestId('signal-documents').innerText(), /督办通知书/);
    assert.equal(await page.getByTestId('signal-act-explain').count(), 0, 'the supervisor does not explain');

    // 4. The unit's leader explains (with an attachment).
    await signInAs('scjg_leader');
    await page.goto(`${baseUrl}/supervision/signals/${signalId}`);
    await page.getByTestId('signal-act-explain').click();
    await page.getByTestId('act-form-text').fill('承办人员因参加专项检查未能及时办理，已安排专人跟进');
    await page.getByTestId('act-form-explain').locator('input[type=file]').setInputFiles({ name: '情况说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('act-submit').click();
    await page.locator('[data-testid="signal-detail"][data-status="explained"]').waitFor();
    await page.locator('[data-testid="signal-event-2"][data-type="signal.explained"]').waitFor();
    assert.match(await page.getByTestId('signal-event-2').innerText(), /情况说明\.pdf/);
    assert.equal(await page.getByTestId('signal-act-find').count(), 0, 'the unit does not record findings');

    // 5. The supervisor records the finding 成立 with reasons.
    await signInAs('jcj_city');
    await page.goto(`${baseUrl}/supervision/signals/${signalId}`);
    await page.locator('[data-testid="signal-detail"][data-status="explained"]').waitFor();
    await page.getByTestId('signal-act-find').click();
    await page.getByTestId('act-form-finding-valid').check();
    await page.getByTestId('act-form-reason').fill('环节超过规定时限，说明理由不属于正当事由');
    await page.getByTestId('act-submit').click();
    await page.locator('[data-testid="signal-detail"][data-status="valid"]').waitFor();
    await page.locator('[data-testid="signal-finding"][data-finding="valid"]').waitFor();

    // 6. The ledger (signal list) shows it: filtered to red and 认定成立.
    await page.getByTestId('menu-sup-signals').click();
    await page.getByTestId('signal-table').waitFor();
    await page.getByTestId('signal-filter-status').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="认定成立"]').click();
    await page.getByTestId('filter-submit').click();
    const row = page.locator(`[data-testid="signal-row-${signalId}"][data-status="valid"]`);
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(red.rows[0].signal_no));
    assert.match(await row.innerText(), /成立/);
  });
});
