// Layout of a frozen document (CASE-10): a printable HTML page and a PDF. The PDF embeds Noto
// Serif SC from the npm package @expo-google-fonts/noto-serif-sc (OFL), so Chinese renders on
// any machine without system fonts; pdfkit's fontkit subsets the font per document (only the
// glyphs used), keeping files around 20–40 KB.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { DocumentData } from './documents.ts';

export interface RenderableDocument {
  docNo: string;
  verificationCode: string;
  issuedAt: Date;
  contentHash: string;
  data: DocumentData;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The verification hint printed on every document. */
export const verifyHint = (code: string) => `验证码：${code}（可在网上政务大厅“文书验证”中核验本文书真伪）`;

export function renderHtml(d: RenderableDocument): string {
  const x = d.data;
  const table = x.table.length
    ? `<table>${x.table.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(x.title)} ${esc(d.docNo)}</title>
<style>
  @page { size: A4; margin: 25mm 22mm; }
  body { font-family: "Noto Serif SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 16px; line-height: 1.9; color: #000; max-width: 170mm; margin: 24px auto; }
  h1 { text-align: center; font-size: 26px; letter-spacing: 4px; margin: 0 0 8px; }
  .no { text-align: center; margin-bottom: 24px; }
  p { text-indent: 2em; margin: 0 0 6px; }
  p.addressee { text-indent: 0; }
  table { border-collapse: collapse; width: 100%; margin: 12px 0; }
  th, td { border: 1px solid #000; padding: 6px 10px; text-align: left; }
  th { width: 32%; font-weight: normal; }
  .sign { text-align: right; margin-top: 36px; }
  .verify { margin-top: 36px; font-size: 12px; color: #333; border-top: 1px solid #999; padding-top: 6px; }
  @media print { .noprint { display: none; } }
</style></head>
<body>
<h1>${esc(x.title)}</h1>
<div class="no">${esc(d.docNo)}</div>
${x.kind === 'delivery_receipt' ? '' : `<p class="addressee">${esc(x.addressee)}</p>`}
${x.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${table}
<div class="sign">${esc(x.signer)}<br>${esc(x.signedOn)}</div>
<div class="verify">办件流水号：${esc(x.caseNo)}　${esc(verifyHint(d.verificationCode))}<br>内容摘要（SM3）：${esc(d.contentHash)}</div>
<p class="noprint" style="text-indent:0;margin-top:16px"><button onclick="window.print()">打印</button></p>
</body></html>`;
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function fontFiles() {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
  };
  return fonts;
}

export const PDF_FONT_NAME = 'NotoSerifSC';

export async function renderPdf(d: RenderableDocument): Promise<Buffer> {
  const x = d.data;
  const f = fontFiles();
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 72, bottom: 64, left: 64, right: 64 },
    info: { Title: `${x.title} ${d.docNo}`, Author: x.signer, Subject: x.caseNo, Keywords: d.verificationCode, CreationDate: d.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => { doc.on('end', () => res()); doc.on('error', rej); });
  doc.registerFont('body', f.regular);
  doc.registerFont('title', f.bold);
  const width = doc.page.width - 128;
  doc.font('title').fontSize(22).text(x.title, { align: 'center', characterSpacing: 4 });
  doc.moveDown(0.4).font('body').fontSize(12).text(d.docNo, { align: 'center' });
  doc.moveDown(1.2).fontSize(13);
  if (x.kind !== 'delivery_receipt') doc.text(x.addressee, { lineGap: 6 });
  for (const p of x.paragraphs) doc.text(p, { indent: 26, lineGap: 6, align: 'justify' }).moveDown(0.2);
  if (x.table.length) {
    doc.moveDown(0.5);
    const left = doc.page.margins.left;
    const col = width * 0.32;
    for (const [k, v] of x.table) {
      const h = Math.max(doc.heightOfString(k, { width: col - 12 }), doc.heightOfString(v, { width: width - col - 12 })) + 12;
      if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc.rect(left, y, col, h).rect(left + col, y, width - col, h).stroke();
      doc.text(k, left + 6, y + 6, { width: col - 12 });
      doc.text(v, left + col + 6, y + 6, { width: width - col - 12 });
      doc.x = left;
      doc.y = y + h;
    }
  }
  doc.moveDown(2).text(x.signer, { align: 'right' }).text(x.signedOn, { align: 'right' });
  doc.moveDown(2).fontSize(9).fillColor('#333')
    .text(`办件流水号：${x.caseNo}　${verifyHint(d.verificationCode)}`, doc.page.margins.left)
    .text(`内容摘要（SM3）：${d.contentHash}`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
