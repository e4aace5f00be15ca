// Demo power library for the demo city (绵阳市): ~30 published items across units and types,
// with real statutes as legal bases, promised limits inside legal ones, flows on the units'
// standard posts (accept/handle/review/approve), real fees where charged, one 即办件, one
// joint item (并联审批), district items, one secret item, and a few deliberate publicity gaps
// (CAT-6) so the publicity check has something to find. Demo-only; idempotent.
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { SYSTEM_ACTOR } from '../access/system-actor.ts';
import type { FlowStep, ItemType } from '../domain/item.ts';
import { ElementsSchema, type ItemElementsInput } from './elements.ts';
import { createChangeIn } from './changes.ts';
import { publish } from './review.ts';

interface Law { lawName: string; article: string; text: string }
interface DemoItem {
  unit: string;
  base: string;
  name: string;
  type: ItemType;
  legal: number;
  promised: number;
  law: Law[];
  materials?: string[];
  fees?: ItemElementsInput['fees'];
  result?: string;
  over?: Partial<ItemElementsInput>;
  coUnits?: string[];
}

const L = (lawName: string, article: string, text: string): Law => ({ lawName, article, text });
const FOOD_LAW = L('中华人民共和国食品安全法', '第三十五条', '国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。');
const LICENSING_LAW = L('中华人民共和国行政许可法', '第四十二条', '除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。');
const REGISTRATION = L('中华人民共和国市场主体登记管理条例', '第十九条', '登记机关应当对申请材料进行形式审查。对申请材料齐全、符合法定形式的予以确认并当场登记。不能当场登记的，应当在3个工作日内予以登记。');

/** Permit flow on the standard posts, fitting the promised working days (CAT-4). */
function permitFlow(promised: number): FlowStep[] {
  const step = (code: string, kind: FlowStep['kind'], name: string, postCode: string, duty: string, days: number, returnTo: string[]): FlowStep =>
    ({ code, kind, name, postCode, duty, limit: { days, unit: 'workday' }, returnTo });
  if (promised === 0) {
    return [step('s1', 'accept', '受理', 'accept', '收件、材料审查、当场受理', 0, []), step('s2', 'approve', '审核办结', 'approve', '当场审核并办结', 0, ['s1'])];
  }
  const accept = 1;
  const handle = Math.max(0, Math.floor((promised - accept) / 2));
  const review = Math.max(0, Math.floor((promised - accept) / 4));
  const approve = Math.max(0, promised - accept - handle - review);
  return [
    step('s1', 'accept', '受理', 'accept', '收件、材料审查，受理或一次性告知补正', accept, []),
    step('s2', 'handle', '承办', 'handle', '审查申请材料、组织现场核查，提出承办意见', handle, ['s1']),
    step('s3', 'review', '审核', 'review', '审核承办意见和法律依据', review, ['s2']),
    step('s4', 'approve', '批准', 'approve', '作出准予或不予许可决定', approve, ['s2', 's3']),
  ];
}

/** 行政处罚法 §60: decided within 90 days of 立案; steps in natural days. */
const PENALTY_FLOW: FlowStep[] = [
  { code: 'p1', kind: 'file', name: '立案', postCode: 'handle', duty: '核查线索，决定是否立案', limit: { days: 5, unit: 'natural' }, returnTo: [] },
  { code: 'p2', kind: 'investigate', name: '调查取证', postCode: 'handle', duty: '两名以上执法人员调查取证，制作笔录', limit: { days: 30, unit: 'natural' }, returnTo: ['p1'] },
  { code: 'p3', kind: 'notify', name: '告知', postCode: 'review', duty: '告知拟作出的处罚内容及事实、理由、依据和陈述、申辩、听证权利', limit: { days: 10, unit: 'natural' }, returnTo: ['p2'] },
  { code: 'p4', kind: 'decide', name: '决定', postCode: 'approve', duty: '负责人审查或集体讨论后作出处罚决定', limit: { days: 10, unit: 'natural' }, returnTo: ['p2', 'p3'] },
  { code: 'p5', kind: 'execute', name: '执行', postCode: 'handle', duty: '送达决定书，督促履行，执行罚没款', limit: { days: 5, unit: 'natural' }, returnTo: [] },
];

const ITEMS: DemoItem[] = [
  // 市场监管
  { unit: '绵阳市市场监督管理局', base: '000110001000', name: '食品经营许可', type: '01', legal: 10, promised: 5, law: [FOOD_LAW, L('食品经营许可和备案管理办法', '第二十六条', '县级以上地方市场监督管理部门应当自受理申请之日起10个工作日内作出是否准予行政许可的决定。')],
    materials: ['食品经营许可申请书', '营业执照复印件', '与食品经营相适应的主要设备设施、经营布局、操作流程等文件', '食品安全自查、从业人员健康管理、进货查验记录等制度'], result: '食品经营许可证', over: { keywords: ['餐饮', '食品销售', '饭店'], online: true, onlineUrl: 'https://www.sczwfw.gov.cn/', result: { kind: 'certificate', name: '食品经营许可证', validity: '5年' } } },
  { unit: '绵阳市市场监督管理局', base: '000110002000', name: '食品生产许可', type: '01', legal: 20, promised: 10, law: [FOOD_LAW, L('食品生产许可管理办法', '第二十四条', '县级以上地方市场监督管理部门应当自受理申请之日起10个工作日内作出是否准予行政许可的决定。')],
    materials: ['食品生产许可申请书', '食品生产设备布局图和食品生产工艺流程图', '食品生产主要设备、设施清单', '食品安全管理制度'], result: '食品生产许可证', over: { specialProcedures: ['inspection'], keywords: ['食品厂', '生产'] } },
  { unit: '绵阳市市场监督管理局', base: '000107001000', name: '个体工商户设立登记', type: '07', legal: 3, promised: 0, law: [REGISTRATION, L('促进个体工商户发展条例', '第八条', '国家持续深化简政放权、放管结合、优化服务改革，优化个体工商户市场准入环境。')],
    materials: ['个体工商户登记（备案）申请书', '经营者身份证明', '经营场所使用相关文件'], result: '营业执照', over: { onTheSpot: true, keywords: ['个体户', '营业执照', '开店'], online: true, onlineUrl: 'https://zwfw.samr.gov.cn/' } },
  { unit: '绵阳市市场监督管理局', base: '000202001000', name: '对未取得食品生产经营许可从事食品生产经营活动的行政处罚', type: '02', legal: 90, promised: 60,
    law: [L('中华人民共和国食品安全法', '第一百二十二条', '违反本法规定，未取得食品生产经营许可从事食品生产经营活动……由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、食品添加剂以及用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品、食品添加剂货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。'),
      L('中华人民共和国行政处罚法', '第六十条', '行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。')],
    over: { keywords: ['无证经营', '食品安全', '处罚'], legalLimit: { days: 90, unit: 'natural' }, promisedLimit: { days: 60, unit: 'natural' }, steps: PENALTY_FLOW, specialProcedures: ['hearing'], requiresResultOf: ['hearing'],
      result: { kind: 'decision', name: '行政处罚决定书', validity: '' },
      discretion: [
        { circumstance: 'minor', description: '初次违法且危害后果轻微并及时改正，货值金额不足五千元', minFine: null, maxFine: null, otherMeasures: '依法不予行政处罚，责令改正，没收违法所得和违法生产经营的食品' },
        { circumstance: 'ordinary', description: '货值金额不足一万元，无从重情节', minFine: '50000', maxFine: '70000', otherMeasures: '没收违法所得和违法生产经营的食品及工具、设备、原料' },
        { circumstance: 'serious', description: '货值金额不足一万元，经责令改正拒不改正或造成一定危害后果', minFine: '70000', maxFine: '100000', otherMeasures: '没收违法所得和违法生产经营的食品及工具、设备、原料' },
        { circumstance: 'severe', description: '货值金额一万元以上，按货值十倍以上二十倍以下处罚', minFine: '100000', maxFine: null, otherMeasures: '罚款为货值金额的十倍以上二十倍以下；情节严重的吊销许可证' },
      ] } },
  { unit: '绵阳市市场监督管理局', base: '000101003000', name: '特种设备使用登记', type: '01', legal: 15, promised: 5, law: [L('中华人民共和国特种设备安全法', '第三十三条', '特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书。')],
    materials: ['特种设备使用登记表', '产品合格证', '监督检验证明'], result: '特种设备使用登记证', over: { keywords: ['电梯', '锅炉', '压力容器'] } },
  { unit: '绵阳市市场监督管理局', base: '000106001000', name: '对食品生产经营者的监督检查', type: '06', legal: 20, promised: 15, law: [L('中华人民共和国食品安全法', '第一百一十条', '县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责，有权采取下列措施，对生产经营者遵守本法的情况进行监督检查……')],
    over: { keywords: ['食品检查', '双随机'], result: { kind: 'other', name: '监督检查结果记录', validity: '' } } },
  { unit: '绵阳市市场监督管理局', base: '000109001000', name: '企业名称争议裁决', type: '09', legal: 60, promised: 40, law: [L('企业名称登记管理规定', '第二十三条', '企业认为其他企业名称侵犯本企业名称合法权益的，可以向人民法院起诉或者请求为涉嫌侵权企业办理登记的企业登记机关处理。')],
    materials: ['企业名称争议裁决申请书', '申请人主体资格证明', '相关证据材料'], result: '企业名称争议裁决书', over: { complaintPhone: '', keywords: ['名称争议'] } },
  // 住建
  { unit: '绵阳市住房和城乡建设局', base: '000101101000', name: '建筑工程施工许可证核发', type: '01', legal: 7, promised: 5, law: [L('中华人民共和国建筑法', '第七条', '建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。'), L('建筑工程施工许可管理办法', '第五条', '发证机关应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。')],
    materials: ['建筑工程施工许可证申请表', '建设工程规划许可证', '中标通知书及施工合同', '施工图设计文件审查合格书'], result: '建筑工程施工许可证', over: { keywords: ['施工许可', '开工'], online: true, onlineUrl: 'https://www.sczwfw.gov.cn/' } },
  { unit: '绵阳市住房和城乡建设局', base: '000101102000', name: '商品房预售许可', type: '01', legal: 10, promised: 7, law: [L('中华人民共和国城市房地产管理法', '第四十五条', '商品房预售，应当符合下列条件……向县级以上人民政府房产管理部门办理预售登记，取得商品房预售许可证明。'), L('城市商品房预售管理办法', '第七条', '房地产管理部门作出的准予商品房预售许可的决定，应当予以公开。')],
    materials: ['商品房预售许可申请表', '开发企业营业执照和资质证书', '土地使用权证、建设工程规划许可证和施工许可证', '工程施工合同及投入开发建设资金证明'], result: '商品房预售许可证', over: { keywords: ['预售证', '楼盘'] } },
  { unit: '绵阳市住房和城乡建设局', base: '000101103000', name: '建筑业企业资质核准', type: '01', legal: 20, promised: 15, law: [L('中华人民共和国建筑法', '第十三条', '从事建筑活动的建筑施工企业……按照其拥有的注册资本、专业技术人员、技术装备和已完成的建筑工程业绩等资质条件，划分为不同的资质等级。')],
    materials: ['建筑业企业资质申请表', '企业法人营业执照', '技术负责人及专业技术人员证明材料'], result: '建筑业企业资质证书', over: { specialProcedures: ['expert_review'] } },
  { unit: '绵阳市住房和城乡建设局', base: '000101104000', name: '城镇污水排入排水管网许可', type: '01', legal: 15, promised: 10, law: [L('城镇排水与污水处理条例', '第二十一条', '从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。')],
    materials: ['排水许可申请表', '排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明', '按规定建设污水预处理设施的有关材料'], result: '城镇污水排入排水管网许可证' },
  // 安州区住建 (district library)
  { unit: '安州区住房和城乡建设局', base: '000101101000', name: '建筑工程施工许可证核发', type: '01', legal: 7, promised: 5, law: [L('中华人民共和国建筑法', '第七条', '建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。')],
    materials: ['建筑工程施工许可证申请表', '建设工程规划许可证', '中标通知书及施工合同'], result: '建筑工程施工许可证', over: { keywords: ['施工许可'], office: '安州区政务服务中心住建窗口', address: '绵阳市安州区花荄镇政务服务中心' } },
  { unit: '安州区住房和城乡建设局', base: '000123001000', name: '房屋建筑工程竣工验收备案', type: '23', legal: 5, promised: 2, law: [L('房屋建筑和市政基础设施工程竣工验收备案管理办法', '第四条', '建设单位应当自工程竣工验收合格之日起15日内，依照本办法规定，向工程所在地的县级以上地方人民政府建设主管部门备案。')],
    materials: ['工程竣工验收备案表', '工程竣工验收报告', '施工单位签署的工程质量保修书'], result: '竣工验收备案证明', over: { online: true, onlineUrl: '', keywords: ['竣工备案'], office: '安州区政务服务中心住建窗口' } },
  // 交通
  { unit: '绵阳市交通运输局', base: '000101201000', name: '道路货物运输经营许可', type: '01', legal: 20, promised: 10, law: [L('中华人民共和国道路运输条例', '第二十四条', '申请从事危险货物运输经营以外的货运经营的，应当向县级道路运输管理机构提出申请……'), L('中华人民共和国道路运输条例', '第二十五条', '道路运输管理机构应当自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定。')],
    materials: ['道路货物运输经营申请表', '负责人身份证明', '机动车辆行驶证、车辆技术等级评定结论复印件', '驾驶人员从业资格证'], result: '道路运输经营许可证', over: { keywords: ['货运', '物流', '运输证'] } },
  { unit: '绵阳市交通运输局', base: '000101202000', name: '道路旅客运输经营许可', type: '01', legal: 20, promised: 12, law: [L('中华人民共和国道路运输条例', '第十一条', '申请从事客运经营的，应当依法向市场监督管理部门办理有关登记手续后，按照下列规定提出申请并提交符合本条例第八条规定条件的相关材料……')],
    materials: ['道路旅客运输经营申请表', '企业章程文本', '拟投入车辆承诺书', '安全生产管理制度文本'], result: '道路运输经营许可证', over: { keywords: ['客运', '班车'] } },
  { unit: '绵阳市交通运输局', base: '000101203000', name: '超限运输车辆行驶公路许可', type: '01', legal: 15, promised: 5, law: [L('公路安全保护条例', '第三十六条', '申请公路超限运输许可按照下列规定办理……公路管理机构应当自受理申请之日起2个工作日内作出许可或者不予许可的决定。'), L('中华人民共和国公路法', '第五十条', '超过公路、公路桥梁、公路隧道或者汽车渡船的限载、限高、限宽、限长标准的车辆，不得在有限定标准的公路、公路桥梁上或者公路隧道内行驶……')],
    materials: ['公路超限运输申请表', '货物名称、重量、外廓尺寸及必要的总体轮廓图', '运输车辆行驶证'], result: '超限运输车辆通行证', over: { keywords: ['大件运输', '超限'], online: true, onlineUrl: 'https://gjdj.mot.gov.cn/' } },
  { unit: '绵阳市交通运输局', base: '000101204000', name: '公路建设项目施工许可（并联审批）', type: '01', legal: 45, promised: 20, law: [L('中华人民共和国行政许可法', '第四十二条', '依照本法第二十六条的规定，行政许可采取统一办理或者联合办理、集中办理的，办理的时间不得超过四十五日；四十五日内不能办结的，经本级人民政府负责人批准，可以延长十五日。'), L('公路建设市场管理办法', '第二十五条', '公路建设项目实行施工许可制度。')],
    materials: ['公路建设项目施工许可申请书', '项目初步设计和施工图设计批复文件', '环境影响评价批复文件', '施工、监理合同'], result: '公路建设项目施工许可决定书', coUnits: ['绵阳市住房和城乡建设局', '绵阳市生态环境局'], over: { keywords: ['公路施工', '联合审批'] } },
  { unit: '绵阳市交通运输局', base: '000101205000', name: '巡游出租汽车经营许可', type: '01', legal: 20, promised: 10, law: [L('巡游出租汽车经营服务管理规定', '第十二条', '出租汽车行政主管部门应当自受理之日起20日内作出许可或者不予许可的决定。')],
    materials: ['巡游出租汽车经营申请表', '投资人、负责人身份及资信证明', '经营管理制度、安全生产管理制度和服务质量保障制度文本'], result: '道路运输经营许可证' },
  // 卫健
  { unit: '绵阳市卫生健康委员会', base: '000101301000', name: '医疗机构执业登记', type: '01', legal: 45, promised: 20, law: [L('医疗机构管理条例', '第十五条', '医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。'), L('医疗机构管理条例', '第十七条', '登记机关应当自受理执业登记申请之日起45日内，根据本条例和医疗机构基本标准进行审核。')],
    materials: ['医疗机构执业登记申请书', '医疗机构用房产权证明或者使用证明', '医疗机构建筑设计平面图', '医疗机构规章制度', '卫生技术人员名录及执业证书'], result: '医疗机构执业许可证', over: { keywords: ['诊所', '医院', '执业许可'], specialProcedures: ['inspection'] } },
  { unit: '绵阳市卫生健康委员会', base: '000101302000', name: '母婴保健技术服务执业许可', type: '01', legal: 20, promised: 15, law: [L('中华人民共和国母婴保健法', '第三十二条', '医疗保健机构依照本法规定开展婚前医学检查、遗传病诊断、产前诊断以及施行结扎手术和终止妊娠手术的，必须符合国务院卫生行政部门规定的条件和技术标准，并经县级以上地方人民政府卫生行政部门许可。')],
    materials: ['母婴保健技术服务执业许可申请登记书', '医疗机构执业许可证副本', '相关卫生技术人员资格证明'], result: '母婴保健技术服务执业许可证' },
  { unit: '绵阳市卫生健康委员会', base: '000101303000', name: '公共场所卫生许可', type: '01', legal: 20, promised: 7, law: [L('公共场所卫生管理条例', '第八条', '除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理"卫生许可证"。')],
    materials: ['公共场所卫生许可申请表', '公共场所地址方位示意图、平面图和卫生设施平面布局图', '公共场所卫生检测或者评价报告'], result: '公共场所卫生许可证', over: { hours: '', keywords: ['宾馆', '美容美发', '游泳馆'] } },
  { unit: '绵阳市卫生健康委员会', base: '000101304000', name: '医师执业注册', type: '01', legal: 20, promised: 10, law: [L('中华人民共和国医师法', '第十四条', '医师经注册后，可以在医疗卫生机构中按照注册的执业地点、执业类别、执业范围执业……卫生健康主管部门应当自受理申请之日起二十个工作日内准予注册。')],
    materials: ['医师执业注册申请审核表', '医师资格证书', '拟执业机构的聘用证明'], result: '医师执业证书', over: { keywords: ['医师证'], online: true, onlineUrl: 'https://zwfw.nhc.gov.cn/' } },
  // 生态环境
  { unit: '绵阳市生态环境局', base: '000101401000', name: '排污许可', type: '01', legal: 30, promised: 20, law: [L('排污许可管理条例', '第十三条', '审批部门应当对申请材料进行审查……对实行排污许可简化管理的排污单位，审批部门应当自受理申请之日起20日内作出审批决定；对实行排污许可重点管理的排污单位，审批部门应当自受理申请之日起30日内作出审批决定。')],
    materials: ['排污许可证申请表', '自行监测方案', '守法承诺书', '排污单位有关排污口规范化的情况说明'], result: '排污许可证', over: { keywords: ['排污证', '排放'], online: true, onlineUrl: 'https://permit.mee.gov.cn/' } },
  { unit: '绵阳市生态环境局', base: '000101402000', name: '建设项目环境影响报告书审批', type: '01', legal: 60, promised: 30, law: [L('中华人民共和国环境影响评价法', '第二十二条', '审批部门应当自收到环境影响报告书之日起六十日内，收到环境影响报告表之日起三十日内，分别作出审批决定并书面通知建设单位。')],
    materials: ['建设项目环境影响报告书审批申请', '环境影响报告书（全本）', '公众参与说明'], result: '环境影响报告书批复', over: { keywords: ['环评'], specialProcedures: ['expert_review', 'hearing'] } },
  // 出入境
  { unit: '绵阳市公安局出入境管理支队', base: '000101501000', name: '普通护照签发', type: '01', legal: 15, promised: 7, law: [L('中华人民共和国护照法', '第五条', '公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，由本人向户籍所在地的县级以上地方人民政府公安机关出入境管理机构申请普通护照。'), L('中华人民共和国护照法', '第六条', '公安机关出入境管理机构应当自收到申请材料之日起十五日内签发普通护照。')],
    materials: ['中国公民出入境证件申请表', '居民身份证', '符合标准的照片'], result: '普通护照', fees: [{ name: '普通护照工本费', basis: '国家发展改革委 财政部关于降低部分行政事业性收费标准的通知（发改价格〔2019〕914号）', standard: { kind: 'fixed', amount: '120' } }],
    over: { keywords: ['护照', '出国'], result: { kind: 'certificate', name: '中华人民共和国普通护照', validity: '未满16周岁5年，16周岁以上10年' } } },
  { unit: '绵阳市公安局出入境管理支队', base: '000101502000', name: '往来港澳通行证及签注签发', type: '01', legal: 15, promised: 7, law: [L('中国公民因私事往来香港地区或者澳门地区的暂行管理办法', '第五条', '内地居民因私事前往香港、澳门，凭公安机关出入境管理部门签发的往来港澳通行证及签注通行。')],
    materials: ['中国公民出入境证件申请表', '居民身份证'], result: '往来港澳通行证',
    fees: [{ name: '往来港澳通行证工本费', basis: '发改价格〔2019〕914号', standard: { kind: 'fixed', amount: '60' } }, { name: '往来港澳签注费', basis: '发改价格〔2019〕914号', standard: { kind: 'rate', perUnit: '15', unitName: '次' } }],
    over: { keywords: ['港澳通行证', '签注'] } },
  { unit: '绵阳市公安局出入境管理支队', base: '000123501000', name: '涉密人员出境审批备案', type: '23', legal: 15, promised: 10, law: [L('中华人民共和国保守国家秘密法', '第四十六条', '涉密人员出境应当经有关部门批准，有关机关认为涉密人员出境将对国家安全造成危害或者对国家利益造成重大损失的，不得批准出境。')],
    materials: ['涉密人员出境审批表', '所在单位审批意见'], result: '出境备案回执', over: { secret: true, secretDoc: '绵保发〔2025〕12号', keywords: ['涉密人员'] } },
  // 人社
  { unit: '绵阳市人力资源和社会保障局', base: '000120001000', name: '就业失业登记', type: '20', legal: 5, promised: 1, law: [L('中华人民共和国就业促进法', '第五十二条', '县级以上人民政府公共就业服务机构……为劳动者免费提供就业政策法规咨询、职业供求信息、就业指导和职业介绍等服务。'), L('就业服务与就业管理规定', '第六十二条', '劳动者被用人单位招用的，由用人单位为劳动者办理就业登记。')],
    materials: ['就业创业证申领登记表', '居民身份证'], result: '就业创业证', over: { keywords: ['失业登记', '就业创业证', '失业金'], online: true, onlineUrl: 'https://www.sc.hrss.gov.cn/' } },
  { unit: '绵阳市人力资源和社会保障局', base: '000120002000', name: '社会保障卡申领', type: '20', legal: 20, promised: 10, law: [L('中华人民共和国社会保险法', '第五十八条', '国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。')],
    materials: ['社会保障卡申领登记表', '居民身份证', '近期免冠照片'], result: '社会保障卡', over: { keywords: ['社保卡'] } },
  // districts: the same base codes as the city give different 实施编码 (CAT-5, CAT-8)
  { unit: '涪城区市场监督管理局', base: '000110001000', name: '食品经营许可', type: '01', legal: 10, promised: 5, law: [FOOD_LAW], materials: ['食品经营许可申请书', '营业执照复印件', '与食品经营相适应的主要设备设施、经营布局文件'],
    result: '食品经营许可证', over: { keywords: ['餐饮', '食品销售'], office: '涪城区政务服务中心市场监管窗口', address: '绵阳市涪城区政务服务中心' } },
  { unit: '涪城区市场监督管理局', base: '000107001000', name: '个体工商户设立登记', type: '07', legal: 3, promised: 0, law: [REGISTRATION], materials: ['个体工商户登记（备案）申请书', '经营者身份证明'], result: '营业执照',
    over: { onTheSpot: true, keywords: ['个体户', '营业执照'], office: '涪城区政务服务中心市场监管窗口', address: '绵阳市涪城区政务服务中心' } },
  { unit: '游仙区市场监督管理局', base: '000110001000', name: '食品经营许可', type: '01', legal: 10, promised: 5, law: [{ ...FOOD_LAW, text: '' }], materials: ['食品经营许可申请书', '营业执照复印件'], result: '食品经营许可证',
    over: { consultPhone: '', keywords: ['餐饮'], office: '游仙区政务服务中心', address: '绵阳市游仙区政务服务中心' } },
  { unit: '绵阳市市场监督管理局', base: '000101004000', name: '药品零售企业许可', type: '01', legal: 30, promised: 15, law: [L('中华人民共和国药品管理法', '第五十一条', '从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。'), LICENSING_LAW],
    materials: ['药品经营许可证申请表', '营业场所、仓库平面布置图及房屋产权或者使用权证明', '质量管理文件'], result: '药品经营许可证', over: { keywords: ['药店', '零售药店'] } },
];

function elementsOf(d: DemoItem, unitId: number, coUnitIds: number[], phone: string | null): ItemElementsInput {
  const fees = d.fees ?? [];
  return {
    baseCode: d.base, name: d.name, type: d.type, unitId, coUnitIds, legalBasis: d.law,
    conditions: d.type === '02' || d.type === '06' ? '' : '申请人符合法律、法规规定的条件，申请材料齐全、符合法定形式。',
    quantityLimit: '无数量限制',
    materials: (d.materials ?? []).map((name, i) => ({ code: `m${i + 1}`, name, required: true, form: i === 0 ? 'original' as const : 'original_and_copy' as const, media: 'both' as const, count: 1 })),
    externalProcedure: d.type === '02' ? '立案—调查取证—告知—（听证）—决定—送达—执行' : '申请—受理—审查—决定—送达',
    legalLimit: { days: d.legal, unit: 'workday' }, promisedLimit: { days: d.promised, unit: 'workday' },
    free: fees.length === 0, fees, result: { kind: 'approval_document', name: d.result ?? '', validity: '' },
    office: '绵阳市政务服务中心', address: '四川省绵阳市涪城区临园路东段政务服务中心', hours: '周一至周五 上午 9:00-12:00，下午 13:30-17:00（法定节假日除外）',
    consultPhone: phone ?? '0816-12345', complaintPhone: '0816-12388', steps: permitFlow(d.promised), keywords: [],
    ...d.over,
  };
}

export interface DemoItemsResult {
  items: number;
}

/** Publishes the demo items once (nothing happens when the library already has items). */
export async function seedDemoItems(db: Kysely<DB>, now: Date): Promise<DemoItemsResult> {
  // system: idempotence check of the demo seed
  const any = await db.selectFrom('catalog_items').select('id').limit(1).executeTakeFirst();
  if (any) return { items: 0 };
  // system: the seed resolves demo units by name
  const units = await db.selectFrom('units').select(['id', 'name', 'phone']).execute();
  const byName = new Map(units.map((u) => [u.name, u]));
  if (!ITEMS.every((d) => byName.has(d.unit))) return { items: 0 };
  return db.transaction().execute(async (trx) => {
    for (const d of ITEMS) {
      const u = byName.get(d.unit)!;
      const elements = ElementsSchema.parse(elementsOf(d, u.id, (d.coUnits ?? []).map((n) => byName.get(n)!.id), u.phone));
      const changeId = await createChangeIn(trx, SYSTEM_ACTOR, { elements, reason: '演示数据：事项清理规范后统一发布', triggerKind: 'clean_up' }, now);
      // system: the seed publishes the draft it has just written
      const change = await trx.selectFrom('catalog_changes').selectAll().where('id', '=', changeId).executeTakeFirstOrThrow();
      await trx.updateTable('catalog_changes').set({ state: 'submitted', parts: ['basic', 'flow'], submitted_at: now, basic_approved_at: now, flow_approved_at: now })
        .where('id', '=', changeId).execute();
      await publish(trx, change, elements, null, now);
    }
    return { items: ITEMS.length };
  });
}

export const DEMO_ITEM_COUNT = ITEMS.length;
