// Browser journey for case processing (issue 4): the applicant applies online for 食品经营许可 →
// the window clerk issues a supplement notice → the applicant uploads the material → the clerk
// accepts → handler, reviewer and approver of 市场监管局 pass their steps and the approver grants
// → the applicant downloads the decision (PDF) and verifies its code in 文书核验; anyone with the
// case number and query password follows it and downloads the decision too. Then a handler
// opens a penalty case ex officio (依职权立案) and finds it in the case list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserSkipReason, pickOption, signIn, startBrowserHarness, type BrowserHarness } from '../helpers/browser.ts';
import { seedDemoItems } from '../../src/catalog/demo-items.ts';
import { makeCreditCode, makeIdNumber } from '../../src/domain/validators.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

const pdfBytes = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

describe('case processing in the browser', { skip: skip ?? false }, () => {
  let b: BrowserHarness;
  before(async () => {
    b = await startBrowserHarness({
      seed: async (tdb, clock) => {
        await seedDemoItems(tdb.database.db, clock.now());
      },
    });
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

  async function signOut() {
    await b.page.goto(`${b.baseUrl}/`);
    await b.page.getByTestId('logout').click();
    await b.page.getByTestId('login-username').waitFor();
  }

  /** Runs a command from the case page and waits for the page to show the new status. */
  async function runCommand(type: string, fill: () => Promise<void>, status: string) {
    const { page } = b;
    await page.getByTestId(`cmd-${type}`).click();
    await page.getByTestId(`command-form-${type}`).waitFor();
    await fill();
    await page.getByTestId('command-submit').click();
    await page.locator(`[data-testid="case-page"] [data-testid="case-status"][data-status="${status}"]`).waitFor();
  }

  async function openFrom(menu: string, caseNo: string) {
    const { page } = b;
    await page.getByTestId(menu).click();
    await page.getByTestId(`case-open-${caseNo}`).click();
    await page.getByTestId('case-page').waitFor();
  }

  test('apply online → supplement → accept → handle, review, approve → decision PDF and verification', async () => {
    const { page, baseUrl } = b;
    const db = b.tdb.database.db;
    const item = await db
      .selectFrom('catalog_items as i')
      .innerJoin('units as u', 'u.id', 'i.unit_id')
      .select(['i.id'])
      .where('i.name', '=', '食品经营许可')
      .where('u.name', '=', '绵阳市市场监督管理局')
      .executeTakeFirstOrThrow();

    // 0. A visitor is sent to sign in first, and comes back to the application afterwards.
    await page.goto(`${baseUrl}/hall/apply/${item.id}`);
    await page.waitForURL(/\/login\?next=%2Fhall%2Fapply%2F\d+/);
    await page.getByTestId('login-username').fill('zhangsan');
    await page.getByTestId('login-password').fill('Sunlight@2026');
    await page.getByTestId('login-submit').click();

    // 1. The applicant fills the application with the item's materials.
    await page.getByTestId('apply-item').waitFor();
    assert.equal(await page.getByTestId('apply-applicant').innerText(), '张三');
    // identity from the real-name account, read-only and masked; the phone prefilled and editable
    assert.match(await page.getByTestId('apply-id-masked').innerText(), /^510703\*{8}\d{3}[\dX]$/);
    assert.equal(await page.getByTestId('apply-phone').inputValue(), '13800816001');
    assert.equal(await page.getByTestId('apply-legalRepresentative').count(), 0, 'no organisation fields for a person');
    for (const code of ['m1', 'm2', 'm3', 'm4']) {
      await page.getByTestId(`material-upload-${code}`).locator('input[type=file]').setInputFiles({ name: `${code}.pdf`, mimeType: 'application/pdf', buffer: pdfBytes(code) });
      await page.getByTestId(`material-file-${code}`).waitFor();
    }
    await page.getByTestId('apply-submit').click();
    const caseNo = (await page.getByTestId('applied-case-no').innerText()).trim();
    const password = (await page.getByTestId('applied-password').innerText()).trim();
    assert.match(caseNo, /^\d{10,}$/);
    assert.ok(password.length >= 6);
    await page.getByTestId('applied-open').click();
    await page.locator('[data-testid="case-status"][data-status="submitted"]').waitFor();
    await signOut();

    // 2. The window clerk finds it in the acceptance queue and asks for a corrected licence copy.
    await signInAs('ck01');
    await openFrom('menu-cases-acceptance', caseNo);
    assert.match(await page.getByTestId(`case-badges`).innerText(), /受理：剩余 \d+ 个工作日/);
    await runCommand('request_supplement', async () => {
      await page.getByTestId('supp-check-m2').check();
      await page.getByTestId('supp-problem-m2').fill('营业执照复印件未加盖公章');
    }, 'supplement_requested');
    await signOut();

    // 3. The applicant sees the notice and uploads the corrected material.
    await signInAs('zhangsan');
    await page.getByTestId('menu-my-cases').click();
    await page.getByTestId(`my-case-${caseNo}`).click();
    await page.getByTestId('applicant-supplement').waitFor();
    assert.match(await page.getByTestId('applicant-supplement').innerText(), /营业执照复印件未加盖公章/);
    await page.getByTestId('supply-form').getByTestId('material-upload-m2').locator('input[type=file]')
      .setInputFiles({ name: 'licence-stamped.pdf', mimeType: 'application/pdf', buffer: pdfBytes('stamped') });
    await page.getByTestId('supply-submit').click();
    await page.locator('[data-testid="case-status"][data-status="submitted"]').waitFor();
    await signOut();

    // 4. The clerk accepts: the case goes to 承办 of 市场监管局.
    await signInAs('ck01');
    await openFrom('menu-cases-acceptance', caseNo);
    await runCommand('accept', async () => {
      await page.getByTestId('command-comment').fill('材料齐全，予以受理');
    }, 'in_process');
    assert.match(await page.getByTestId('case-current-step').innerText(), /承办/);
    await signOut();

    // 5. Handler and reviewer pass their steps from their to-do lists.
    for (const [user, next] of [['scjg_handler', '审核'], ['scjg_reviewer', '批准']] as const) {
      await signInAs(user);
      await openFrom('menu-cases-todo', caseNo);
      await page.getByTestId('cmd-pass_step').click();
      await page.getByTestId('command-form-pass_step').waitFor();
      await page.getByTestId('command-comment').fill('经审查符合条件，同意');
      await page.getByTestId('command-submit').click();
      await page.getByTestId('case-current-step').filter({ hasText: next }).waitFor();
      await signOut();
    }

    // 6. The approver grants with the legal basis.
    await signInAs('scjg_leader');
    await openFrom('menu-cases-todo', caseNo);
    await runCommand('decide', async () => {
      await page.getByTestId('command-legal-basis').fill('《中华人民共和国食品安全法》第三十五条');
      await page.getByTestId('command-comment').fill('准予许可');
    }, 'decided');
    await page.getByTestId('case-tab-timeline').click();
    const types = await page.locator('[data-testid^="case-event-"][data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    for (const t of ['case.applied', 'case.supplement_requested', 'case.materials_supplied', 'case.accepted', 'step.passed', 'case.decided']) {
      assert.ok(types.includes(t), `timeline shows ${t}`);
    }
    await signOut();

    // 7. The applicant downloads the decision and verifies its code.
    await signInAs('zhangsan');
    await page.getByTestId('menu-my-cases').click();
    await page.getByTestId(`my-case-${caseNo}`).click();
    await page.getByTestId('applicant-decision').waitFor();
    const title = page.locator('[data-testid^="doc-title-"][data-kind="grant_decision"]');
    await title.waitFor();
    const docId = (await title.getAttribute('data-testid'))!.replace('doc-title-', '');
    const href = await page.getByTestId(`doc-pdf-${docId}`).getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const code = (await page.getByTestId(`doc-code-${docId}`).innerText()).trim();
    assert.match(code, /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);

    await page.goto(`${baseUrl}/hall/verify`);
    await page.getByTestId('verify-code').fill(code);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-result').waitFor();
    assert.match(await page.getByTestId('verify-title').innerText(), /准予/);

    // Anyone can follow the case with its number and query password.
    await page.getByTestId('hall-query').click();
    await page.getByTestId('query-case-no').fill(caseNo);
    await page.getByTestId('query-password').fill(password);
    await page.getByTestId('query-submit').click();
    await page.getByTestId('applicant-case').waitFor();
    assert.equal(await page.getByTestId('applicant-case-no').innerText(), caseNo);
    // … and downloads the decision with the same proof (a POST: no password in any URL)
    const queryDoc = page.locator('[data-testid="applicant-documents"] [data-testid^="doc-title-"][data-kind="grant_decision"]');
    const queryDocId = (await queryDoc.getAttribute('data-testid'))!.replace('doc-title-', '');
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => requests.push(r.url());
    page.on('request', onRequest);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`query-doc-pdf-${queryDocId}`).click()]);
    page.off('request', onRequest);
    assert.match(download.suggestedFilename(), /\.pdf$/);
    assert.equal((await readFile((await download.path())!)).subarray(0, 5).toString(), '%PDF-');
    assert.ok(!requests.some((u) => u.includes(password)), 'the query password never appears in a URL');
  });

  test('依职权立案: a handler opens a penalty case for a party with the facts, and finds it in the case list', async () => {
    const { page } = b;
    await signInAs('scjg_handler');
    await page.getByTestId('menu-cases-list').click();
    await page.getByTestId('case-ex-officio').click();
    await page.getByTestId('exo-drawer').waitFor();
    await pickOption(page, 'exo-item', '对未取得食品生产经营许可从事食品生产经营活动的行政处罚（行政处罚）', '食品生产经营活动');
    // an organisation with a wrong check character is refused on the spot
    await page.getByTestId('exo-kind').locator('label', { hasText: '法人或其他组织' }).click();
    const credit = makeCreditCode('91510703MA6BXB3K1');
    await page.getByTestId('exo-name').fill('绵阳市涪城区好味道小吃店');
    await page.getByTestId('exo-creditCode').fill(credit.slice(0, 17) + (credit[17] === 'A' ? 'B' : 'A'));
    await page.getByTestId('exo-legalRepresentative').fill('赵好味');
    await page.getByTestId('exo-phone').fill('13900816111');
    await page.getByTestId('exo-summary').fill('群众举报当事人未取得食品经营许可在临园路经营小吃');
    await page.getByTestId('exo-submit').click();
    await page.getByText('统一社会信用代码无效（校验位不正确）').waitFor();
    // a person instead: the party's ID number is checked too
    await page.getByTestId('exo-kind').locator('label', { hasText: '自然人' }).click();
    await page.getByTestId('exo-name').fill('赵好味');
    await page.getByTestId('exo-idNumber').fill(makeIdNumber('51070319800101123'));
    await pickOption(page, 'exo-source', '投诉举报');
    await page.getByTestId('exo-place').fill('绵阳市涪城区临园路 8 号');
    await page.getByTestId('exo-submit').click();
    const caseNo = (await page.getByTestId('applied-case-no').innerText()).trim();
    assert.match(caseNo, /^\d{14,}$/);
    await page.getByTestId('exo-close').click();
    // the list (reloaded) shows it, as 依职权立案 of 行政处罚, waiting for 立案
    const link = page.getByTestId(`case-open-${caseNo}`);
    await link.waitFor();
    const row = page.locator('[data-testid="case-table"] tr', { has: link });
    assert.match(await row.innerText(), /依职权立案/);
    assert.match(await row.innerText(), /赵好味/);
    await link.click();
    await page.getByTestId('case-page').waitFor();
    await page.locator('[data-testid="case-page"] [data-testid="case-status"][data-status="submitted"]').waitFor();
    await page.getByTestId('case-tab-materials').click();
    assert.match(await page.getByTestId('case-materials').innerText(), /案件来源及基本案情/);
    // 立案 from the case page: the case goes to 调查取证
    await runCommand('accept', async () => {
      await page.getByTestId('command-comment').fill('予以立案');
    }, 'in_process');
    assert.match(await page.getByTestId('case-current-step').innerText(), /调查取证/);
    // and the overdue filter is a server filter of the list (nothing is overdue yet)
    await page.getByTestId('menu-cases-list').click();
    await pickOption(page, 'case-filter-overdue', '超承诺时限');
    await page.getByTestId('filter-submit').click();
    await page.getByTestId(`case-open-${caseNo}`).waitFor({ state: 'detached' });
  });
});
