// Browser journey for the power library (issue 3): the unit admin drafts a change of a published
// item (promised limit and one flow step), submits it; 编办 approves the basic part and 法制 the
// flow; the public 办事指南 shows the new version while staff still read the old one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkipReason, pickOption, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { seedDemoItems } from '../../src/catalog/demo-items.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('power library in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  before(async () => {
    b = await startBrowserHarness({
      seed: async (tdb, clock) => {
        await seedDemoItems(tdb.database.db, clock.now());
      },
    });
  });
  after(() => b?.close());

  async function signOut() {
    await b.page.getByTestId('logout').click();
    await b.page.getByTestId('login-username').waitFor();
  }

  test('a drafted change is reviewed by 编办 and 法制, published to the hall, and the old version stays readable', async () => {
    const { page, baseUrl } = b;
    const db = b.tdb.database.db;
    const item = await db
      .selectFrom('catalog_items as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.id'])
      .where('i.name', '=', '食品经营许可')
      .where('u.name', '=', '绵阳市市场监督管理局')
      .executeTakeFirstOrThrow();

    // 1. The unit admin finds the item, starts a change prefilled from version 1.
    await signIn(page, baseUrl, 'scjg_admin');
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('menu-catalog-items').click();
    await page.getByTestId('catalog-filter-q').fill('食品经营');
    await page.getByTestId('filter-submit').click();
    await page.getByTestId(`catalog-open-${item.id}`).click();
    assert.match(await page.getByTestId('item-version').innerText(), /第 1 版/);
    await page.getByTestId('item-draft').click();

    const promised = page.getByTestId('draft-promisedLimit-days');
    await promised.waitFor();
    assert.equal(await promised.inputValue(), '5', 'the form is prefilled from the version in force');
    assert.equal(await page.getByTestId('draft-name').inputValue(), '食品经营许可');
    // The client hints at promised ≤ legal (10 working days) before the server would refuse.
    await promised.fill('12');
    await page.getByTestId('draft-promised-hint').waitFor();
    await promised.fill('4');
    await page.getByTestId('draft-promised-hint').waitFor({ state: 'detached' });
    // Step 2 (承办) loses a day so the flow fits the new promise: this change needs 法制 too.
    await page.getByTestId('draft-step-1-limit-days').fill('1');
    await page.getByTestId('draft-submit').click();
    await page.getByTestId('submit-reason').fill('依据新修订的审批办法压缩承诺时限');
    await pickOption(page, 'submit-trigger-kind', '法律法规立改废');
    await page.getByTestId('submit-confirm').click();

    await page.waitForURL(/\/catalog\/changes\/\d+$/);
    const changeId = Number(/\/catalog\/changes\/(\d+)$/.exec(page.url())![1]);
    await page.locator('[data-testid="change-state"][data-state="submitted"]').waitFor();
    await page.getByTestId('diff-promisedLimit').waitFor();
    assert.match(await page.getByTestId('diff-promisedLimit').innerText(), /5 个工作日[\s\S]*4 个工作日/);
    await page.getByTestId('diff-steps').waitFor();
    assert.match(await page.getByTestId('change-part-basic').innerText(), /待审核/);
    assert.match(await page.getByTestId('change-part-flow').innerText(), /待审核/);
    await signOut();

    // 2. 编办 approves the basic elements; the flow part still waits for 法制.
    await signIn(page, baseUrl, 'bb');
    await page.getByTestId('menu-catalog-review-basic').click();
    await page.getByTestId(`review-open-${changeId}`).click();
    await page.getByTestId('diff-promisedLimit').waitFor();
    assert.equal(await page.getByTestId('review-approve-flow').count(), 0, '编办 does not review the flow');
    await page.getByTestId('review-approve-basic').click();
    await page.getByTestId('reason-input').fill('同意，承诺时限符合规定');
    await page.getByTestId('reason-submit').click();
    await page.getByTestId('change-part-basic').filter({ hasText: '已通过' }).waitFor();
    assert.equal(await page.getByTestId('change-state').getAttribute('data-state'), 'submitted');
    await signOut();

    // 3. 法制 approves the flow: the new version is published.
    await signIn(page, baseUrl, 'fzb');
    await page.getByTestId('menu-catalog-review-flow').click();
    await page.getByTestId(`review-open-${changeId}`).click();
    await page.getByTestId('review-approve-flow').click();
    await page.getByTestId('reason-input').fill('内部流程合法，时限合计未超过承诺期限');
    await page.getByTestId('reason-submit').click();
    await page.locator('[data-testid="change-state"][data-state="published"]').waitFor();
    await page.getByTestId('change-published').waitFor();
    const versions = await db.selectFrom('catalog_item_versions').select(['version_no', 'promised_limit_days', 'valid_to']).where('item_id', '=', item.id).orderBy('version_no').execute();
    assert.deepEqual(versions.map((v) => [v.version_no, v.promised_limit_days, v.valid_to !== null]), [[1, 5, true], [2, 4, false]]);
    await signOut();

    // 4. The public hall (reached from the sign-in page) shows version 2.
    await page.getByTestId('hall-link').click();
    await page.getByTestId('hall-header').waitFor();
    await page.getByTestId('hall-search').fill('食品经营');
    await page.getByTestId('filter-submit').click();
    await page.getByTestId(`hall-item-${item.id}`).click();
    await page.getByTestId('guide').waitFor();
    assert.match(await page.getByTestId('guide-version').innerText(), /第 2 版/);
    assert.equal(await page.getByTestId('guide-promised-limit').innerText(), '4 个工作日');
    assert.equal(await page.getByTestId('guide-legal-limit').innerText(), '10 个工作日');
    assert.match(await page.getByTestId('guide-flow').getByTestId('flow-step-s2-limit').innerText(), /1 个工作日/);
    assert.match(await page.getByTestId('guide-consult-phone').innerText(), /\d/);
    await page.getByTestId('guide-apply').click();
    // 在线申办 needs an applicant account: the visitor is sent to sign in and back.
    await page.waitForURL(/\/login\?next=%2Fhall%2Fapply%2F\d+/);
    await page.getByTestId('login-username').waitFor();

    // 5. Staff still open version 1 in the version history, superseded but readable.
    await signIn(page, baseUrl, 'scjg_admin');
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${baseUrl}/catalog/items/${item.id}`);
    assert.match(await page.getByTestId('item-version').innerText(), /第 2 版/);
    await page.getByTestId('item-tab-versions').click();
    await page.getByTestId('version-open-1').click();
    await page.getByTestId('version-superseded').waitFor();
    assert.equal(await page.getByTestId('el-promisedLimit').innerText(), '5 个工作日');
    assert.notEqual(await page.getByTestId('version-valid-to').innerText(), '—（现行）');
    assert.match(await page.getByTestId('section-steps').getByTestId('flow-step-s2-limit').innerText(), /2 个工作日/);
    await page.goBack();
    await page.getByTestId('version-open-2').click();
    await page.getByTestId('version-current').waitFor();
    assert.equal(await page.getByTestId('el-promisedLimit').innerText(), '4 个工作日');

    // The review record is a hash chain: published v1, submitted, two approvals, published v2.
    await page.goto(`${baseUrl}/catalog/items/${item.id}?tab=events`);
    await page.getByTestId('event-chain-ok').waitFor();
    const types = await page.locator('[data-testid^="event-"][data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    assert.deepEqual(types, ['version_published', 'change_submitted', 'part_approved', 'part_approved', 'version_published']);
  });
});
