// Browser journeys for the foundation (issue 2): sign in as admin, add a user, mark a day as a
// holiday in the calendar, sign out; a locked-out sign-in shows its message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason, pickOption, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { chinaDateOf } from '../../src/domain/calendar.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('foundation in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  before(async () => {
    b = await startBrowserHarness();
  });
  after(() => b?.close());

  test('admin signs in, adds a user, marks a holiday, signs out', async () => {
    const { page, baseUrl } = b;
    await signIn(page, baseUrl, 'admin');
    await page.getByTestId('current-user').waitFor();
    assert.match(await page.getByTestId('current-user').innerText(), /系统管理员/);

    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-form-username').fill('browser_user');
    await page.getByTestId('user-form-displayName').fill('浏览器测试用户');
    await pickOption(page, 'user-form-unit', '绵阳市市场监督管理局', '市场监督');
    await pickOption(page, 'user-form-roles', '承办人员');
    await page.getByTestId('user-form-submit').click();
    const pw = await page.getByTestId('initial-password').innerText();
    assert.ok(pw.trim().length >= 8, 'the initial password is shown once');
    const created = await b.tdb.database.db.selectFrom('users').select(['display_name', 'must_change_password']).where('username', '=', 'browser_user').executeTakeFirst();
    assert.deepEqual(created, { display_name: '浏览器测试用户', must_change_password: true });
    await page.keyboard.press('Escape');

    // A working Monday later this month (or next) becomes a holiday.
    await page.goto(`${baseUrl}/admin/calendar`);
    const grid = page.getByTestId('calendar-grid');
    await grid.waitFor();
    const today = chinaDateOf(new Date());
    const cells = await page.locator('[data-testid^="calendar-day-"][data-kind="workday"]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')!.slice('calendar-day-'.length)),
    );
    const target = cells.find((d) => d > today) ?? cells[cells.length - 1];
    await page.getByTestId(`calendar-day-${target}`).click();
    await pickOption(page, 'calendar-day-kind', '法定节假日');
    await page.getByTestId('calendar-day-name').fill('测试假日');
    await page.getByTestId('calendar-day-save').click();
    await page.locator(`[data-testid="calendar-day-${target}"][data-kind="holiday"]`).waitFor();
    const row = await b.tdb.database.db.selectFrom('calendar_days').selectAll().where('date', '=', target).executeTakeFirstOrThrow();
    assert.deepEqual([row.kind, row.name, row.source], ['holiday', '测试假日', 'admin']);

    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    assert.equal(me, 401);
  });

  test('a locked-out sign-in shows its message', async () => {
    const { page, baseUrl } = b;
    for (let i = 0; i < 5; i++) {
      await signIn(page, baseUrl, 'jtj_handler', 'wrong-password');
      await page.getByTestId('login-error').waitFor();
    }
    await signIn(page, baseUrl, 'jtj_handler');
    const err = page.getByTestId('login-error');
    await err.waitFor();
    await page.waitForFunction(() => /锁定/.test(document.querySelector('[data-testid="login-error"]')?.textContent ?? ''));
    assert.match(await err.innerText(), /登录失败次数过多，账户已锁定，请 \d+ 分钟后再试/);
  });
});
