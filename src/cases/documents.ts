// Notices and decisions generated from the case (CASE-10, Xuzhou §31(5)): which event issues
// which document, and its printed text. The text is composed once, at the event, and frozen in
// case_documents.data (with an SM3 content hash), so a reprint years later reads the same;
// the HTML and PDF renderers only lay it out. Public verification shows `facts`, with the
// applicant's name masked.
import { randomInt } from 'node:crypto';
import { chinaDateOf, type WorkCalendar } from '../domain/calendar.ts';
import { projectedDueAt } from '../domain/clock.ts';
import { CIRCUMSTANCES, type ItemVersionSpec, type TimeLimit } from '../domain/item.ts';
import type { Applicant, CaseEvent, CaseState, DeliveryMethod } from '../domain/case-machine.ts';

export const DOCUMENT_KINDS = {
  acceptance_notice: '受理通知书',
  refusal_decision: '不予受理决定书',
  supplement_notice: '补正材料通知书',
  special_procedure_notice: '特别程序告知书',
  extension_notice: '延期通知书',
  grant_decision: '准予决定书',
  denial_decision: '不予决定书',
  penalty_decision: '行政处罚决定书',
  no_penalty_decision: '不予行政处罚决定书',
  delivery_receipt: '送达回证',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** Short mark in the document number (文号), e.g. 绵阳市市场监督管理局许〔2026〕000012号. */
const NUMBER_MARK: Record<DocumentKind, string> = {
  acceptance_notice: '受', refusal_decision: '不受', supplement_notice: '补', special_procedure_notice: '特', extension_notice: '延',
  grant_decision: '许', denial_decision: '不许', penalty_decision: '罚', no_penalty_decision: '不罚', delivery_receipt: '送',
};

export const DELIVERY_METHODS: Record<DeliveryMethod, string> = {
  direct: '直接送达', window: '窗口领取', mail: '邮寄送达', electronic: '电子送达', left: '留置送达', announcement: '公告送达',
};

export interface DocumentData {
  kind: DocumentKind;
  title: string;
  caseNo: string;
  addressee: string;
  paragraphs: string[];
  /** Two-column rows (送达回证, fee lists). */
  table: [string, string][];
  signer: string;
  signedOn: string;
  /** Essential facts shown by the public verification (CASE-10). */
  facts: [string, string][];
}

export interface NewDocument {
  kind: DocumentKind;
  title: string;
  /** 文号 without the sequence number: mark and year are fixed at issue. */
  numberPrefix: string;
  year: string;
  verificationCode: string;
  eventIndex: number;
  data: DocumentData;
}

export interface DocumentContext {
  caseNo: string;
  unitName: string;
  item: ItemVersionSpec;
  applicant: Applicant;
  channel: string;
  /** State after the command. */
  state: CaseState;
  calendar: WorkCalendar;
  /** 文号 of the decision, for the 送达回证. */
  decisionDocNo: string | null;
}

// ---------------------------------------------------------------------------
// Formatting.

export function cnDate(iso: string | Date): string {
  const d = chinaDateOf(typeof iso === 'string' ? new Date(iso) : iso);
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

export const limitText = (l: TimeLimit) => (l.unit === 'workday' ? `${l.days}个工作日` : `${l.days}日`);

/** 张三 → 张*, 欧阳娜娜 → 欧***; organisations are public facts and stay whole. */
export function maskedName(a: Pick<Applicant, 'kind' | 'name'>): string {
  if (a.kind === 'organisation') return a.name;
  const chars = [...a.name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 16 random characters in groups of four (80 bits): printed on the document, typed to verify it. */
export function newVerificationCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s.match(/.{4}/g)!.join('-');
}

const REMEDIES = '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。';
const you = (a: Applicant) => (a.kind === 'organisation' ? '你单位' : '你');

function decisionTitle(item: ItemVersionSpec, grant: boolean): { kind: DocumentKind; title: string } {
  if (item.type === '02') return grant ? { kind: 'penalty_decision', title: '行政处罚决定书' } : { kind: 'no_penalty_decision', title: '不予行政处罚决定书' };
  if (item.type === '01') return grant ? { kind: 'grant_decision', title: '准予行政许可决定书' } : { kind: 'denial_decision', title: '不予行政许可决定书' };
  return grant ? { kind: 'grant_decision', title: '准予办理决定书' } : { kind: 'denial_decision', title: '不予办理决定书' };
}

// ---------------------------------------------------------------------------
// Which event issues which document.

export function documentsFor(events: CaseEvent[], c: DocumentContext): NewDocument[] {
  const out: NewDocument[] = [];
  const s = c.state;
  const a = c.applicant;
  const received = cnDate(s.appliedAt ?? events[0].at);
  const intro = `${you(a)}于${received}提出的${c.item.name}申请（办件流水号 ${c.caseNo}）`;
  const base = (e: CaseEvent, i: number, kind: DocumentKind, title: string, paragraphs: string[], facts: [string, string][], table: [string, string][] = []) => {
    out.push({
      kind, title, numberPrefix: `${c.unitName}${NUMBER_MARK[kind]}`, year: chinaDateOf(new Date(e.at)).slice(0, 4),
      verificationCode: newVerificationCode(), eventIndex: i,
      data: {
        kind, title, caseNo: c.caseNo, addressee: `${a.name}：`, paragraphs, table, signer: c.unitName, signedOn: cnDate(e.at),
        facts: [['文书名称', title], ['办件流水号', c.caseNo], ['事项名称', c.item.name], ['作出机关', c.unitName],
          [c.item.type === '02' ? '当事人' : '申请人', maskedName(a)], ['作出日期', cnDate(e.at)], ...facts],
      },
    });
  };
  events.forEach((e, i) => {
    switch (e.type) {
      case 'case.accepted': {
        if (c.channel === 'ex_officio') return; // 立案 of an ex officio case is internal, no notice to the party
        const promised = s.clocks.case_promised;
        const due = promised ? cnDate(projectedDueAt(promised, c.calendar, new Date(e.at))) : '—';
        const p1 = e.data.auto
          ? `${intro}，本机关未在收到申请材料之日起五个工作日内一次性告知需要补正的全部内容。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，自收到申请材料之日（${cnDate(e.data.acceptedAsOf)}）起即为受理。`
          : `${intro}，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理${e.data.late ? `，受理自收到申请材料之日（${cnDate(e.data.acceptedAsOf)}）起生效` : ''}。`;
        base(e, i, 'acceptance_notice', '受理通知书', [
          p1,
          `本事项法定办理期限为${limitText(c.item.legalLimit)}，承诺办理期限为${limitText(c.item.promisedLimit)}，预计于${due}前办结。依法需要听证、检验、检测、鉴定、专家评审等的，所需时间不计算在期限内。`,
          '你可凭办件流水号和查询密码在网上政务大厅查询办理进度和结果。',
        ], [['受理日期', cnDate(e.data.acceptedAsOf)], ['预计办结日期', due]]);
        return;
      }
      case 'case.refused':
        base(e, i, 'refusal_decision', '不予受理决定书', [
          `${intro}，经审查：${e.data.reason}。根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理。`,
          REMEDIES,
        ], [['决定', '不予受理'], ['理由', e.data.reason]]);
        return;
      case 'case.supplement_requested': {
        const d = e.data;
        const title = d.sequence > 1 ? `补正材料通知书（第${d.sequence}次）` : '补正材料通知书';
        const lead = d.phase === 'acceptance'
          ? `${intro}，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知需要补正的全部内容如下：`
          : `${intro}，本机关在审查过程中发现申请材料需要补正，现一次性告知需要补正的全部内容如下（补正期间不计算在办理期限内）：`;
        base(e, i, 'supplement_notice', title, [
          lead,
          ...d.items.map((it, k) => `${k + 1}. ${it.name}：${it.problem}`),
          `请于${limitText(d.limit)}内提交补正材料。${d.phase === 'acceptance' ? '本机关自收到全部补正材料之日起依法重新审查是否受理。' : '收到补正材料后恢复办理。'}`,
        ], [['补正次数', String(d.sequence)], ['补正事项数', String(d.items.length)]]);
        return;
      }
      case 'special_procedure.started': {
        const d = e.data;
        base(e, i, 'special_procedure_notice', '特别程序告知书', [
          `${intro}，依法需要进行${d.name}。根据《中华人民共和国行政许可法》第四十五条的规定，${d.name}所需时间不计算在办理期限内，预计需要${limitText(d.expected)}。`,
          ...(d.note ? [`说明：${d.note}`] : []),
          `${d.name}结束后，本机关将继续办理并告知结果。`,
        ], [['特别程序', d.name], ['预计时长', limitText(d.expected)]]);
        return;
      }
      case 'case.extended': {
        const d = e.data;
        const legal = s.clocks.case_legal;
        const due = legal ? cnDate(projectedDueAt(legal, c.calendar, new Date(e.at))) : '—';
        base(e, i, 'extension_notice', '延期通知书', [
          `${intro}，因${d.reason}，不能在规定期限内作出决定。经本机关负责人批准，根据《中华人民共和国行政许可法》第四十二条第一款的规定，办理期限延长${limitText({ days: d.days, unit: d.unit })}，将于${due}前作出决定。`,
        ], [['延长期限', limitText({ days: d.days, unit: d.unit })], ['延长理由', d.reason], ['延期后期限', due]]);
        return;
      }
      case 'case.decided': {
        const d = e.data;
        const grant = d.outcome === 'grant';
        const { kind, title } = decisionTitle(c.item, grant);
        const basis = d.legalBasis.join('、');
        const accepted = s.acceptedAsOf ? cnDate(s.acceptedAsOf) : received;
        const paragraphs: string[] = [];
        const table: [string, string][] = [];
        const facts: [string, string][] = [['决定', grant ? '准予' : '不予']];
        if (c.item.type === '02') {
          paragraphs.push(`本机关于${accepted}对${a.name}涉嫌违法一案立案调查（案件编号 ${c.caseNo}）。${d.comment ? `经查：${d.comment}。` : '经查，违法事实清楚，证据确凿。'}`);
          if (grant && d.penalty) {
            const fine = d.penalty.fine;
            paragraphs.push(`依据${basis}的规定，按照本机关行政处罚裁量基准「${CIRCUMSTANCES[d.penalty.circumstance]}」情节，决定给予如下行政处罚：${Number(fine) > 0 ? `罚款人民币${fine}元` : '不予罚款'}${d.penalty.otherMeasures ? `；${d.penalty.otherMeasures}` : ''}。`);
            if (Number(fine) > 0) paragraphs.push('当事人应当自收到本决定书之日起十五日内缴纳罚款（《中华人民共和国行政处罚法》第六十七条）。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。');
            facts.push(['裁量情节', CIRCUMSTANCES[d.penalty.circumstance]], ['罚款金额（元）', fine]);
          } else {
            paragraphs.push(`依据${basis}的规定，决定不予行政处罚。理由：${d.reasons ?? ''}`);
          }
          if (d.evidence.length) facts.push(['证据文件数', String(d.evidence.length)]);
          paragraphs.push(REMEDIES);
        } else if (grant) {
          paragraphs.push(`${intro}，本机关于${accepted}受理。经审查，申请符合法定条件、标准，根据${basis}的规定，决定准予${c.item.type === '01' ? '行政许可' : '办理'}。`);
          if (d.fees.length) {
            for (const f of d.fees) table.push([f.name + (f.quantity ? `（${f.quantity}）` : ''), `${f.amount} 元`]);
            table.push(['合计', `${d.feeTotal} 元`]);
            paragraphs.push('应缴纳的费用如下表，请按规定缴纳。');
            facts.push(['收费合计（元）', d.feeTotal]);
          }
          if (c.item.type === '01') paragraphs.push('本机关将自作出本决定之日起十日内向你颁发、送达行政许可证件（《中华人民共和国行政许可法》第四十四条）。');
        } else {
          paragraphs.push(`${intro}，本机关于${accepted}受理。经审查：${d.reasons ?? ''}。根据${basis}的规定，决定不予${c.item.type === '01' ? '行政许可' : '办理'}。`);
          paragraphs.push(REMEDIES);
          facts.push(['理由', d.reasons ?? '']);
        }
        facts.push(['法律依据', basis]);
        base(e, i, kind, title, paragraphs, facts, table);
        return;
      }
      case 'case.delivered': {
        const d = e.data;
        const decision = s.decision ? decisionTitle(c.item, s.decision.outcome === 'grant').title : '决定书';
        base(e, i, 'delivery_receipt', '送达回证', [
          `送达文书：${decision}${c.decisionDocNo ? `（${c.decisionDocNo}）` : ''}${s.result ? `；${s.result.kind === 'certificate' ? '证照' : '文书'}编号 ${s.result.number}` : ''}。`,
        ], [['送达回证编号', d.receiptNo]], [
          ['受送达人', d.recipient], ['送达方式', DELIVERY_METHODS[d.method]], ['送达文书', decision], ['签收日期', cnDate(`${d.signedOn}T12:00:00+08:00`)],
          ['送达回证编号', d.receiptNo],
        ]);
        return;
      }
      default:
        return;
    }
  });
  return out;
}

