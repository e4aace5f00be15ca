import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  birthDateOfIdNumber, creditCodeCheckChar, genderOfIdNumber, idNumberCheckChar, isValidBaseCode,
  isValidCreditCode, isValidIdNumber, isValidImplCode, isValidRegionCode, makeCreditCode, makeIdNumber,
  makeImplCode, normalizeIdNumber, parentRegionCodeOf, parseImplCode, regionLevelOf,
} from './validators.ts';

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ID_CHARSET = '0123456789X';

/** Every string obtained by replacing exactly one character of s with another from `alphabet`. */
function mutationArb(s: string, alphabet: string) {
  return fc.tuple(fc.nat({ max: s.length - 1 }), fc.constantFrom(...alphabet)).filter(([i, c]) => s[i] !== c)
    .map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1));
}

// ---------------------------------------------------------------------------
describe('统一社会信用代码 (GB 32100)', () => {
  // Verified by hand: 91350100M000100Y4 → Σ value·weight = 1640, 1640 mod 31 = 28, 31 − 28 = 3.
  const KNOWN = ['91350100M000100Y43', '91440300708461136T', '91330100799655058B', '914403001922038216', '91110108551385082Q'];

  test('known-valid codes', () => {
    for (const c of KNOWN) {
      assert.equal(isValidCreditCode(c), true, c);
      assert.equal(creditCodeCheckChar(c.slice(0, 17)), c[17]);
      assert.equal(makeCreditCode(c.slice(0, 17)), c);
    }
    assert.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
  });

  test('check value 31 is written as 0', () => {
    // Find a body whose sum ≡ 0 (mod 31) by varying the last body char, then confirm '0'.
    const bodies = [...CREDIT_CHARSET].map((c) => '91350100M000100Y' + c);
    assert.ok(bodies.some((b) => creditCodeCheckChar(b) === '0'));
  });

  test('rejects bad input', () => {
    for (const bad of ['', '91350100M000100Y4', '91350100M000100Y433', '91350100M000100Y44', '91350100m000100y43',
      ' 91350100M000100Y43', '9135010OM000100Y43', '91350100I000100Y43', '91350100S000100Y43', '91350100V000100Y43',
      '91350100Z000100Y43', 'Z1350100M000100Y43', null, 913501001]) {
      assert.equal(isValidCreditCode(bad), false, String(bad));
    }
    // region code (positions 3–8) must be digits, even with a correct check char
    const letterRegion = '91A50100M000100Y4';
    assert.equal(isValidCreditCode(letterRegion + creditCodeCheckChar(letterRegion)), false);
    assert.throws(() => makeCreditCode(letterRegion), RangeError);
    assert.throws(() => creditCodeCheckChar('91350100M000100Y'), RangeError);
    assert.throws(() => creditCodeCheckChar('91350100O000100Y4'), RangeError);
  });

  const bodyArb = fc.tuple(
    fc.string({ unit: fc.constantFrom(...CREDIT_CHARSET), minLength: 2, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    fc.string({ unit: fc.constantFrom(...CREDIT_CHARSET), minLength: 9, maxLength: 9 }),
  ).map(([a, b, c]) => a + b + c);

  test('makeCreditCode always yields a valid code (property)', () => {
    fc.assert(fc.property(bodyArb, (body) => {
      const code = makeCreditCode(body);
      assert.equal(code.length, 18);
      assert.equal(isValidCreditCode(code), true);
    }));
  });

  test('any single-character substitution is detected (property)', () => {
    fc.assert(fc.property(bodyArb.chain((b) => mutationArb(makeCreditCode(b), CREDIT_CHARSET + 'IOSVZa-')), (m) => {
      assert.equal(isValidCreditCode(m), false, m);
    }), { numRuns: 2000 });
    for (const k of KNOWN) {
      fc.assert(fc.property(mutationArb(k, CREDIT_CHARSET), (m) => assert.equal(isValidCreditCode(m), false, m)));
    }
  });
});

// ---------------------------------------------------------------------------
describe('公民身份号码 (GB 11643)', () => {
  // GB 11643-1999 worked example. By hand: Σ = 167, 167 mod 11 = 2 → 'X'.
  const STD = '11010519491231002X';
  const NOW = new Date('2026-03-09T04:00:00Z');

  test('standard example', () => {
    assert.equal(idNumberCheckChar('11010519491231002'), 'X');
    assert.equal(isValidIdNumber(STD), true);
    assert.equal(isValidIdNumber(STD, NOW), true);
    assert.equal(makeIdNumber('11010519491231002'), STD);
    assert.equal(birthDateOfIdNumber(STD), '1949-12-31');
    assert.equal(genderOfIdNumber(STD), 'female'); // 顺序码 002 is even
  });

  test('lower-case x is accepted and normalised', () => {
    assert.equal(isValidIdNumber('11010519491231002x'), true);
    assert.equal(normalizeIdNumber('11010519491231002x'), STD);
    assert.equal(normalizeIdNumber(STD), STD);
    assert.equal(birthDateOfIdNumber('11010519491231002x'), '1949-12-31');
  });

  test('other hand-built examples', () => {
    // 440305 20000229 123 ? — leap day; by hand:
    // Σ = 4·7+4·9+0·10+3·5+0·8+5·4+2·2+0·1+0·6+0·3+0·7+2·9+2·10+9·5+1·8+2·4+3·2 = 208, 208 mod 11 = 10 → '2'
    assert.equal(idNumberCheckChar('44030520000229123'), '2');
    const id = '440305200002291232';
    assert.equal(isValidIdNumber(id), true);
    assert.equal(genderOfIdNumber(id), 'male');
    assert.equal(birthDateOfIdNumber(id), '2000-02-29');
  });

  test('birth date rules', () => {
    const bad = (body: string) => body + idNumberCheckChar(body);
    assert.equal(isValidIdNumber(bad('11010519990230123')), false); // 1999-02-30
    assert.equal(isValidIdNumber(bad('11010519000229123')), false); // 1900 is not a leap year
    assert.equal(isValidIdNumber(bad('11010519991301123')), false); // month 13
    assert.equal(isValidIdNumber(bad('11010518991231123')), false); // before 1900
    assert.equal(isValidIdNumber(bad('11010519000101123')), true);  // 1900-01-01 is the earliest
    assert.throws(() => makeIdNumber('11010519990230123'), RangeError);
    // future relative to `now` (China date): 2026-03-09 12:00 CST
    const today = bad('11010520260309123');
    const tomorrow = bad('11010520260310123');
    assert.equal(isValidIdNumber(today, NOW), true);
    assert.equal(isValidIdNumber(tomorrow, NOW), false);
    assert.equal(isValidIdNumber(tomorrow), true); // no `now` → no future check
    // 2026-03-09T16:30Z is already 03-10 in China
    assert.equal(isValidIdNumber(tomorrow, new Date('2026-03-09T16:30:00Z')), true);
  });

  test('rejects bad format', () => {
    for (const b of ['', '11010519491231002', '11010519491231002XX', '1101051949123100X2', '110105194912310021',
      '11010519491231002Y', ' 11010519491231002X', '110105491231002', null, 11010519491231002]) {
      assert.equal(isValidIdNumber(b), false, String(b));
    }
    assert.equal(isValidIdNumber('00000019491231002' + idNumberCheckChar('00000019491231002')), false); // region 000000
    assert.equal(birthDateOfIdNumber('110105194912310021'), null);
    assert.equal(genderOfIdNumber('110105194912310021'), null);
    assert.throws(() => idNumberCheckChar('1101051949123100X'), RangeError);
  });

  const bodyArb = fc.tuple(
    fc.integer({ min: 110000, max: 829999 }),
    fc.integer({ min: 0, max: 45_000 }), // days after 1900-01-01 (≈ up to 2023)
    fc.integer({ min: 0, max: 999 }),
  ).map(([region, days, seq]) => {
    const d = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    return `${region}${d}${String(seq).padStart(3, '0')}`;
  });

  test('makeIdNumber always yields a valid number with its birth date and gender (property)', () => {
    fc.assert(fc.property(bodyArb, (body) => {
      const id = makeIdNumber(body);
      assert.equal(isValidIdNumber(id, NOW), true);
      assert.equal(birthDateOfIdNumber(id)!.replaceAll('-', ''), body.slice(6, 14));
      assert.equal(genderOfIdNumber(id), Number(body[16]) % 2 ? 'male' : 'female');
    }));
  });

  test('any single-character substitution is detected (property)', () => {
    fc.assert(fc.property(bodyArb.chain((b) => mutationArb(makeIdNumber(b), ID_CHARSET + 'A ')), (m) => {
      assert.equal(isValidIdNumber(m), false, m);
    }), { numRuns: 2000 });
    fc.assert(fc.property(mutationArb(STD, ID_CHARSET), (m) => assert.equal(isValidIdNumber(m), false, m)));
  });
});

// ---------------------------------------------------------------------------
describe('行政区划代码', () => {
  test('validity', () => {
    for (const ok of ['110000', '110100', '110105', '429004', '110105001', '440305007']) assert.equal(isValidRegionCode(ok), true, ok);
    for (const bad of ['000000', '001234', '11010', '1101050', '11010500', '110105000', '11010A', '', null]) {
      assert.equal(isValidRegionCode(bad), false, String(bad));
    }
  });

  test('levels and parents', () => {
    assert.equal(regionLevelOf('110000'), 'province');
    assert.equal(regionLevelOf('110100'), 'city');
    assert.equal(regionLevelOf('110105'), 'county');
    assert.equal(regionLevelOf('110105001'), 'township');
    assert.equal(parentRegionCodeOf('110105001'), '110105');
    assert.equal(parentRegionCodeOf('110105'), '110100');
    assert.equal(parentRegionCodeOf('110100'), '110000');
    assert.equal(parentRegionCodeOf('110000'), null);
    assert.equal(parentRegionCodeOf('429004'), '429000');
    assert.throws(() => regionLevelOf('000000'), RangeError);
    assert.throws(() => parentRegionCodeOf('12345'), RangeError);
  });

  test('walking up parents always reaches a province (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 10_000_000, max: 829_999_999 }), fc.boolean(), (n, nine) => {
      const code = nine ? String(n).padStart(9, '0') : String(n).padStart(9, '0').slice(0, 6);
      fc.pre(isValidRegionCode(code));
      let c: string | null = code;
      let steps = 0;
      while (c !== null && regionLevelOf(c) !== 'province') { c = parentRegionCodeOf(c); steps++; }
      assert.ok(c !== null && steps <= 3);
    }));
  });
});

// ---------------------------------------------------------------------------
describe('事项编码 (基本编码 / 实施编码)', () => {
  const CREDIT = '91350100M000100Y43';
  const BASE = '000117005000';

  test('base code', () => {
    assert.equal(isValidBaseCode(BASE), true);
    assert.equal(isValidBaseCode('00011700500A'), true);
    for (const bad of ['00011700500', '0001170050000', '00011700500a', '000117-05000', '', null]) {
      assert.equal(isValidBaseCode(bad), false, String(bad));
    }
  });

  test('implementation code = credit code + 1 digit + base code (31 chars)', () => {
    const impl = makeImplCode(CREDIT, BASE);
    assert.equal(impl, '91350100M000100Y431000117005000');
    assert.equal(impl.length, 31);
    assert.equal(isValidImplCode(impl), true);
    assert.deepEqual(parseImplCode(impl), { creditCode: CREDIT, flag: '1', baseCode: BASE });
    assert.equal(makeImplCode(CREDIT, BASE, 3), '91350100M000100Y433000117005000');
  });

  test('invalid parts', () => {
    assert.throws(() => makeImplCode('91350100M000100Y44', BASE), RangeError);
    assert.throws(() => makeImplCode(CREDIT, 'short'), RangeError);
    assert.throws(() => makeImplCode(CREDIT, BASE, 'A'), RangeError);
    assert.throws(() => makeImplCode(CREDIT, BASE, 10), RangeError);
    assert.equal(isValidImplCode('91350100M000100Y44' + '1' + BASE), false); // bad credit check char
    assert.equal(isValidImplCode(CREDIT + 'A' + BASE), false); // flag not a digit
    assert.equal(isValidImplCode(CREDIT + '1' + BASE.slice(1)), false); // 30 chars
    assert.equal(isValidImplCode(CREDIT + '1' + BASE + '0'), false); // 32 chars
    assert.equal(isValidImplCode(CREDIT + '1' + '00011700500a'), false);
    assert.equal(parseImplCode(null), null);
  });

  test('round-trips (property)', () => {
    fc.assert(fc.property(
      fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), minLength: 9, maxLength: 9 }),
      fc.integer({ min: 0, max: 9 }),
      fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 12, maxLength: 12 }),
      (subject, flag, base) => {
        const credit = makeCreditCode('91350100' + subject);
        const impl = makeImplCode(credit, base, flag);
        assert.equal(isValidImplCode(impl), true);
        assert.deepEqual(parseImplCode(impl), { creditCode: credit, flag: String(flag), baseCode: base });
      },
    ));
  });
});
