// Browser journey for the rule library (SUP-5): the city supervisor opens a rule's versions,
// writes a new version with a stricter parameter (the form generated from the parameters),
// backtests it over recent history — it flags a refusal the live version lets pass — makes it
// live with a reason, and sees the new active version in the drawer and in the rule list;
// then disables the rule (停用规则).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { Client, TestClock, DEMO_PASSWORD, type Harness } from '../helpers/app.ts';
import { seedDemoItems } from '../../src/catalog/demo-items.ts';
import { enter, itemId, ok } from '../helpers/cases.ts';
import { signalsOf, supervise } from '../helpers/supervision.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const CODE = 'REFUSE_WITHOUT_REASON';

describe('rule library in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  let h: Harness;
  before(async () => {
    // A few days ago: the drawer's default backtest range (the last 30 days) covers it in any zone.
    b = await startBrowserHarness({
      clock: new TestClock(new Date(Date.now() - 3 * 24 * 3600_000)),
      seed: async (tdb, clock) => {
        await seedDemoItems(tdb.database.db, clock.now());
      },
    });
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

  test('a supervisor writes a stricter version, backtests it, activates it, sees it live, then disables the rule', async () => {
    const { page, baseUrl } = b;
    const db = b.tdb.database.db;

    // A refusal whose reason has 5 meaningful characters: enough for the shipped version (4).
    const ck = await h.login('ck01');
    const a = await enter(h, ck, await itemId(h, '食品经营许可'));
    await ok(ck.post(`/api/cases/${a.caseId}/refuse`, { reason: '材料不齐全' }));
    await supervise(h, a.caseId);
    assert.deepEqual((await signalsOf(h, a.caseId)).filter((s) => s.rule_code === CODE), [], 'the live version lets it pass');

    b.clock.t = new Date();
    await signIn(page, baseUrl, 'jcj_city');
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('menu-sup-rules').click();
    await page.locator(`[data-testid="rule-live-version-${CODE}"][data-version="1"]`).waitFor();

    // 1. The version history: the shipped version 1 is live.
    await page.getByTestId(`rule-versions-${CODE}`).click();
    await page.locator('[data-testid="rule-active-version"][data-version="1"]').waitFor();
    await page.locator('[data-testid="rule-version-row-1"][data-active="true"]').waitFor();

    // 2. 新建版本: the parameters as a form; the minimum reason length 4 → 8.
    await page.getByTestId('rule-version-new').click();
    const minChars = page.getByTestId('rule-param-minChars');
    await minChars.waitFor();
    assert.equal(await minChars.inputValue(), '4');
    await minChars.fill('8');
    assert.ok(await page.getByTestId('rule-param-placeholders').isVisible(), 'a list of texts is edited as tags');
    await page.getByTestId('rule-version-note').fill('理由至少 8 个字，防止敷衍了事');
    await page.getByTestId('rule-version-submit').click();
    await page.locator('[data-testid="rule-version-row-2"][data-active="false"]').waitFor();
    await page.locator('[data-testid="rule-active-version"][data-version="1"]').waitFor();

    // 3. 回测 of the draft: the refusal above would have been flagged.
    await page.getByTestId('rule-version-backtest-2').click();
    await page.locator('[data-testid="backtest-drawer"][data-version="2"]').waitFor();
    await page.getByTestId('backtest-run').click();
    const result = page.locator('[data-testid="backtest-result"][data-version="2"]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-hits'), '1');
    await page.getByTestId('backtest-samples').getByText(a.caseNo).waitFor();
    await page.locator('.ant-drawer', { has: page.getByTestId('backtest-drawer') }).locator('.ant-drawer-close').click();
    await page.getByTestId('backtest-drawer').waitFor({ state: 'hidden' });

    // 4. 启用此版本 with a reason.
    await page.getByTestId('rule-version-activate-2').click();
    const reason = page.getByTestId('reason-input').filter({ visible: true });
    await reason.fill('回测确认后启用更严格的理由要求');
    await page.getByTestId('reason-submit').filter({ visible: true }).click();
    await page.locator('[data-testid="rule-active-version"][data-version="2"]').waitFor();
    await page.locator('[data-testid="rule-version-row-2"][data-active="true"]').waitFor();
    await page.getByTestId('rule-activations').getByText('回测确认后启用更严格的理由要求').waitFor();
    assert.equal(await page.getByTestId(`rule-version-activate-1`).count(), 1, 'the previous version can be made live again');

    // 5. The list shows the new live version.
    await page.locator(`[data-testid="rule-live-version-${CODE}"][data-version="2"]`).waitFor();
    const live = await db.selectFrom('sup_rules').select(['version', 'params']).where('code', '=', CODE).executeTakeFirstOrThrow();
    assert.equal(live.version, 2);
    assert.equal((live.params as { minChars: number }).minChars, 8);

    // 6. 停用规则: a copy of the live version with no enabled level, made live at once.
    await page.getByTestId('rule-disable').click();
    await page.getByTestId('reason-input').filter({ visible: true }).fill('专项整治结束，暂停该项监察');
    await page.getByTestId('reason-submit').filter({ visible: true }).click();
    await page.locator('[data-testid="rule-active-version"][data-version="3"]').waitFor();
    await page.locator(`[data-testid="rule-live-version-${CODE}"][data-version="3"]`).waitFor();
    assert.equal(await page.getByTestId('rule-disable').count(), 0, 'nothing left to disable');
    const off = await db.selectFrom('sup_rule_versions').select(['enabled_levels', 'params', 'note']).where('code', '=', CODE).where('version', '=', 3).executeTakeFirstOrThrow();
    assert.deepEqual(off.enabled_levels, []);
    assert.equal((off.params as { minChars: number }).minChars, 8, 'the live version\'s parameters, kept');
    assert.equal(off.note, '停用规则：专项整治结束，暂停该项监察');
  });
});
