// Browser journeys for the ledger screens (issue 5, SUP-9, SEC-2): a supervisor raises a manual
// signal, finds it in the 监察台账 and files an export request (reason required); the leader
// (jcj_city2) approves it in the 审批 inbox; the supervisor downloads the Excel once. A patrol
// recorded on the 巡查 page shows up in that day's compliance. 再监察: the city reopens a signal a
// district revoked and reassigns it; the district itself is not offered 再监察.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { browserSkipReason, pickOption, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { Client, DEMO_PASSWORD, TestClock } from '../helpers/app.ts';
import { chinaDateOf } from '../../src/domain/calendar.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('supervision ledger, approvals and patrols in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  before(async () => {
    b = await startBrowserHarness({ clock: new TestClock() });
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

  test('manual signal → ledger → export request → leader approves → one-time Excel download', async () => {
    const { page } = b;

    // 1. The supervisor raises a manual signal (成都§10) against a unit from the signal list.
    await signInAs('jcj_city');
    await page.getByTestId('menu-sup-signals').click();
    await page.getByTestId('signal-manual').click();
    await pickOption(page, 'manual-form-kind', '对符合法定条件的事项不予审批（成都§10(四)）');
    await page.getByTestId('manual-form-target-unit').check();
    await pickOption(page, 'manual-form-unit', '绵阳市市场监督管理局', '市场监督');
    await page.getByTestId('manual-form-explanation').fill('群众反映窗口收取材料费 20 元');
    await page.getByTestId('manual-form-submit').click();
    await page.waitForURL(/\/supervision\/signals\/\d+$/);
    const signalId = Number(page.url().split('/').at(-1));
    await page.locator('[data-testid="signal-detail"][data-status="raised"][data-level="red"]').waitFor();
    assert.match(await page.getByTestId('signal-detail').innerText(), /绵阳市市场监督管理局/);

    // 2. The ledger lists it; 申请导出 refuses an empty reason, then files the request.
    await page.getByTestId('menu-sup-ledger').click();
    const row = page.locator(`[data-testid="ledger-row-signal-${signalId}"][data-kind="signal"][data-status="raised"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /绵阳市市场监督管理局/);
    await page.getByTestId('ledger-export-request').click();
    await page.getByTestId('ledger-export-submit').click();
    await page.getByText('请填写导出用途').waitFor();
    await page.getByTestId('ledger-export-purpose').fill('季度监察通报');
    await page.getByTestId('ledger-export-submit').click();
    const pending = page.locator('[data-testid="ledger-exports"] tr[data-testid^="ledger-export-"][data-status="pending"]').first();
    await pending.waitFor();
    const approvalId = Number((await pending.getAttribute('data-testid'))!.replace('ledger-export-', ''));
    assert.ok(approvalId > 0);
    assert.equal(await page.getByTestId(`ledger-export-download-${approvalId}`).count(), 0, 'no download before approval');

    // 3. The leader approves it in the approvals inbox.
    await signInAs('jcj_city2');
    await page.getByTestId('menu-sup-approvals').click();
    const inboxRow = page.locator(`[data-testid="approval-row-${approvalId}"][data-kind="ledger.export"][data-status="pending"]`);
    await inboxRow.waitFor();
    assert.match(await inboxRow.innerText(), /王监察（市监察局）/);
    assert.match(await inboxRow.innerText(), /季度监察通报/);
    await page.getByTestId(`approval-approve-${approvalId}`).click();
    await page.getByTestId('approval-opinion').fill('同意导出，注意保密');
    await page.getByTestId('approval-decide-submit').click();
    await page.locator(`[data-testid="approval-status-${approvalId}"][data-status="approved"]`).waitFor();

    // 4. The supervisor downloads the Excel file once.
    await signInAs('jcj_city');
    await page.getByTestId('menu-sup-ledger').click();
    await page.locator(`[data-testid="ledger-export-status-${approvalId}"][data-status="approved"]`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`ledger-export-download-${approvalId}`).click()]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('监察信号')!;
    const cells = ws.getSheetValues().flat().map(String);
    assert.ok(cells.some((c) => c.includes('绵阳市市场监督管理局')), 'the signal is in the export');
    await page.locator(`[data-testid="ledger-export-status-${approvalId}"][data-status="used"]`).waitFor();
    assert.equal(await page.getByTestId(`ledger-export-download-${approvalId}`).count(), 0, 'one-time download');
  });

  test('a recorded patrol shows up in the day\'s compliance and in the ledger', async () => {
    const { page } = b;
    const day = chinaDateOf(b.clock.now());
    await signInAs('jcj_city');
    await page.getByTestId('menu-sup-patrols').click();
    await page.getByTestId('patrol-compliance').waitFor();
    await page.getByTestId('patrol-create').click();
    await page.getByTestId('patrol-form-note').fill('本级平台办件数据巡查：受理、办结时限');
    await page.getByTestId('patrol-form-findings').fill('2 件办件环节超时未预警处置');
    await page.getByTestId('patrol-form-submit').click();
    const cell = page.locator(`[data-testid="compliance-cell-510700-${day}"][data-own="1"]`);
    await cell.waitFor();
    assert.equal(await cell.getAttribute('data-met'), 'false', 'the city needs 2 own and 1 county patrol a working day');
    await page.locator('[data-testid^="patrol-row-"][data-target="own"]').first().waitFor();

    // A lower-level patrol is recorded against a district; the patrol with findings is in the ledger.
    await page.getByTestId('patrol-create').click();
    await pickOption(page, 'patrol-form-target', '下级平台：涪城区（区县级）');
    await page.getByTestId('patrol-form-note').fill('涪城区平台视频巡查');
    await page.getByTestId('patrol-form-mode-video').check();
    await page.getByTestId('patrol-form-submit').click();
    await page.locator(`[data-testid="compliance-cell-510700-${day}"][data-own="1"][data-lower="1"]`).waitFor();
    await page.getByTestId('menu-sup-ledger').click();
    await page.locator('[data-testid^="ledger-row-patrol-"][data-kind="patrol"]').first().waitFor();
  });

  test('再监察: the level above reopens a revoked signal and reassigns it', async () => {
    const { page, baseUrl } = b;
    const county = new Client(b.app);
    await county.post('/api/auth/login', { username: 'jcj_fucheng', password: DEMO_PASSWORD });
    const unitId = (await b.tdb.database.db.selectFrom('units').select('id').where('name', '=', '涪城区市场监督管理局').executeTakeFirstOrThrow()).id;
    const { signal } = (await county.post('/api/supervision/signals', { kind: 'illegal_fee', level: 'yellow', explanation: '疑似多收费', unitId })).json();
    const found = await county.post(`/api/supervision/signals/${signal.id}/find`, { finding: 'invalid', reason: '按标准收费' });
    assert.equal(found.statusCode, 200, found.body);

    await signInAs('jcj_fucheng');
    await page.goto(`${baseUrl}/supervision/signals/${signal.id}`);
    await page.locator('[data-testid="signal-detail"][data-status="revoked"]').waitFor();
    assert.equal(await page.getByTestId('signal-act-reopen').count(), 0, 'the level that revoked it does not re-supervise');

    await signInAs('jcj_city');
    await page.goto(`${baseUrl}/supervision/signals/${signal.id}`);
    await page.getByTestId('signal-act-reopen').click();
    await page.getByTestId('act-form-reason').fill('群众再次反映，需复查收费依据');
    await pickOption(page, 'act-form-assigneeId', '李局长（市监察局） · 绵阳市监察局', '李局长');
    await page.getByTestId('act-submit').click();
    await page.locator('[data-testid="signal-detail"][data-status="investigating"]').waitFor();
    await page.locator('[data-testid^="signal-event-"][data-type="signal.reopen"]').waitFor();
    const row = await b.tdb.database.db.selectFrom('signals').select(['assignee_id', 'reopen_count']).where('id', '=', signal.id).executeTakeFirstOrThrow();
    const leader = await b.tdb.database.db.selectFrom('users').select('id').where('username', '=', 'jcj_city2').executeTakeFirstOrThrow();
    assert.equal(row.assignee_id, leader.id);
    assert.equal(row.reopen_count, 1);
  });
});
