/**
 * Ledger figures on a ledger of 1,000,000 registrations (LEDGER_BENCH_ROWS overrides): a
 * status-filtered page of 100 (goal ≤ 5 ms), FTS searches (goal ≤ 10 ms), the totals of a
 * filtered set, and bytes per invoice. Rows carry realistic sizes: an INV-01 payload of about
 * 1 KB, a SignedInvoice of 2.8 KB and a SignedQRCode of 0.94 KB (the sizes of NIC sandbox answers
 * in the team kit's fixtures), plus a small editor draft. The bulk load writes straight SQL in
 * large transactions (setup, not a measured path); the FTS index is kept by the real triggers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger, type Ledger } from '../../electron/ledger';
import { median, round, type BenchRow } from './measure';

const SELLER = '29AAGCB1286Q000';
const FIRST = ['Kaveri', 'Godavari', 'Narmada', 'Tapti', 'Krishna', 'Yamuna', 'Sutlej', 'Beas', 'Ravi', 'Chenab', 'Mahanadi', 'Sabarmati', 'Periyar', 'Tunga', 'Bhadra', 'Sharavati', 'Netravati', 'Hemavati', 'Kabini', 'Pennar'];
const SECOND = ['Traders', 'Mills', 'Textiles', 'Steels', 'Agencies', 'Enterprises', 'Industries', 'Exports', 'Polymers', 'Chemicals', 'Foods', 'Motors', 'Pharma', 'Logistics', 'Electricals', 'Hardware', 'Papers', 'Glass', 'Ceramics', 'Plastics'];
const THIRD = ['Private Limited', 'LLP', 'and Sons', 'Co', 'Corporation'];
const BUYERS = 5000;

function buyer(n: number): { name: string; gstin: string } {
  const i = n % BUYERS;
  const name = `${FIRST[i % 20]} ${SECOND[Math.floor(i / 20) % 20]} ${THIRD[Math.floor(i / 400) % 5]} ${Math.floor(i / 2000) + 1}`;
  const pan = `AAB${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String(1000 + (i % 9000)).padStart(4, '0')}K`;
  return { name, gstin: `${String(1 + (i % 37)).padStart(2, '0')}${pan}1Z${i % 10}` };
}

const base64ish = (n: number) => randomBytes(Math.ceil((n * 3) / 4)).toString('base64url').slice(0, n);
const SIGNED_INVOICE = `eyJhbGciOiJSUzI1NiIsImtpZCI6IkVEQzU3REUxMzU4QjMwMEJBOUY3OTM0MEE2Njk2ODMxRjNDODUwNDciLCJ0eXAiOiJKV1QifQ.${base64ish(2400)}.${base64ish(342)}`;
const SIGNED_QR = `eyJhbGciOiJSUzI1NiIsImtpZCI6IkVEQzU3REUxMzU4QjMwMEJBOUY3OTM0MEE2Njk2ODMxRjNDODUwNDciLCJ0eXAiOiJKV1QifQ.${base64ish(490)}.${base64ish(342)}`;

function payload(docNo: string, dt: string, b: { name: string; gstin: string }, total: number): string {
  return JSON.stringify({
    Version: '1.1',
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' },
    DocDtls: { Typ: 'INV', No: docNo, Dt: dt },
    SellerDtls: { Gstin: SELLER, LglNm: 'Bharat Tools Private Limited', Addr1: '12, 4th Cross, Peenya', Loc: 'Bengaluru', Pin: 560058, Stcd: '29' },
    BuyerDtls: { Gstin: b.gstin, LglNm: b.name, Pos: b.gstin.slice(0, 2), Addr1: 'Industrial Area, Phase 2', Loc: 'Town', Pin: 400001, Stcd: b.gstin.slice(0, 2) },
    ItemList: [{ SlNo: '1', PrdDesc: 'Bench vice 6 inch', IsServc: 'N', HsnCd: '82055100', Qty: 2, Unit: 'NOS', UnitPrice: total / 236, TotAmt: total / 118, AssAmt: total / 118, GstRt: 18, IgstAmt: (total / 118) * 0.18, TotItemVal: total / 100 }],
    ValDtls: { AssVal: total / 118, IgstVal: (total / 118) * 0.18, TotInvVal: total / 100 },
  });
}

/** Exported so a plan can be inspected on the same data outside the benchmark. */
export function build(ledger: Ledger, rows: number): { docNos: string[]; irns: string[] } {
  const businessId = ledger.businesses.create({ gstin: SELLER, legalName: 'Bharat Tools Private Limited', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
  const db = ledger.db;
  // Setup only: the measured queries run with the ledger's normal pragmas afterwards.
  db.pragma('synchronous = OFF');
  const insInvoice = db.prepare(
    `INSERT INTO invoices (id, business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_gstin, buyer_name, total_paise, status, payload_sha256, created_at, updated_at)
     VALUES (:id, :businessId, :seller, 'INV', :docNo, :docDate, :fy, :buyerGstin, :buyerName, :total, :status, :sha, :at, :at)`,
  );
  const insBody = db.prepare('INSERT INTO invoice_bodies (invoice_id, draft_json, payload_json) VALUES (:id, :draft, :payload)');
  const insReg = db.prepare(
    `INSERT INTO registrations (invoice_id, irn, ack_no, ack_dt, ack_at, signed_invoice, signed_qr, status, signature_verified, created_at, updated_at)
     VALUES (:id, :irn, :ackNo, :ackDt, :at, :signedInvoice, :signedQr, :regStatus, 1, :at, :at)`,
  );
  const docNos: string[] = [];
  const irns: string[] = [];
  const start = Date.parse('2021-04-01T00:00:00Z');
  const span = Date.parse('2026-03-31T00:00:00Z') - start;
  const batch = 50_000;
  const sampleEvery = Math.min(9973, Math.max(1, Math.floor(rows / 50)));
  for (let from = 1; from <= rows; from += batch) {
    db.transaction(() => {
      for (let id = from; id < from + batch && id <= rows; id += 1) {
        const when = new Date(start + Math.floor((span * (id - 1)) / rows));
        const docDate = when.toISOString().slice(0, 10);
        const [y, m, d] = docDate.split('-').map(Number) as [number, number, number];
        const fyStart = m >= 4 ? y : y - 1;
        const fy = `${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
        const docNo = `BT/${String(fyStart % 100)}/${String(id).padStart(7, '0')}`;
        const b = buyer(id * 7919);
        const total = 10_000 + ((id * 104729) % 50_000_000);
        const cancelled = id % 50 === 0;
        const p = payload(docNo, `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`, b, total);
        const irn = createHash('sha256').update(`${SELLER}${fy}INV${docNo}`).digest('hex');
        if (id % sampleEvery === 0) {
          docNos.push(docNo);
          irns.push(irn);
        }
        const at = when.toISOString();
        insInvoice.run({
          id, businessId, seller: SELLER, docNo, docDate, fy, buyerGstin: b.gstin, buyerName: b.name, total,
          status: cancelled ? 'cancelled' : 'registered', sha: createHash('sha256').update(p).digest('hex'), at,
        });
        insBody.run({ id, draft: JSON.stringify({ buyerGstin: b.gstin, lines: [{ productId: 1 + (id % 40), qtyMilli: 2000, unitPricePaise: Math.round(total / 2.36) }], notes: '' }), payload: p });
        insReg.run({ id, irn, ackNo: String(112_010_000_000_000 + id), ackDt: at.replace('T', ' ').slice(0, 19), at, signedInvoice: SIGNED_INVOICE, signedQr: SIGNED_QR, regStatus: cancelled ? 'CNL' : 'ACT' });
      }
    })();
    if ((from - 1) % 200_000 === 0) process.stderr.write(`  ledger bench: ${Math.min(rows, from + batch - 1)} rows\n`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return { docNos, irns };
}

/** Median and 95th percentile in ms of `calls` calls of fn(i). */
function time(calls: number, fn: (i: number) => unknown): { median: number; p95: number } {
  for (let i = 0; i < 5; i += 1) fn(i);
  const ms: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const t0 = process.hrtime.bigint();
    fn(i);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return { median: median(ms), p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

/** The measured queries, on a built ledger. */
export function measure(ledger: Ledger, rows: number, samples: { docNos: string[]; irns: string[] }): BenchRow[] {
  const { docNos, irns } = samples;
  const out: BenchRow[] = [];
  const add = (name: string, r: { median: number; p95: number }, goal?: string) =>
    out.push({ area: 'ledger', name, value: round(r.median, 3), unit: 'ms', note: `p95 ${round(r.p95, 2)} ms${goal ? `; goal ${goal}` : ''}` });
  const list = ledger.invoiceList;
  const n = `${(rows / 1e6).toLocaleString('en')}M`;

  add(`status page of 100 (registered, newest), ${n} rows`, time(200, () => list.page({ status: 'registered', limit: 100 })), '≤ 5 ms');
  add('status page of 100 (cancelled, 2% of rows)', time(200, () => list.page({ status: 'cancelled', limit: 100 })), '≤ 5 ms');
  const cursors: string[] = [];
  let c: string | undefined;
  for (let p = 0; p < 50; p += 1) {
    const page = list.page({ status: 'registered', limit: 100, cursor: c });
    c = page.nextCursor;
    if (c) cursors.push(c);
  }
  add('status page of 100, later pages by keyset cursor', time(200, (i) => list.page({ status: 'registered', limit: 100, cursor: cursors[i % cursors.length] })), '≤ 5 ms');
  add('status page of 100 sorted by total', time(200, () => list.page({ status: 'registered', sort: 'total', limit: 100 })), '≤ 5 ms');
  add('status + date range (one month) page of 100', time(200, () => list.page({ status: 'registered', from: '2024-07-01', to: '2024-07-31', limit: 100 })), '≤ 5 ms');
  add('FTS: exact document number', time(200, (i) => list.page({ search: docNos[i % docNos.length], limit: 100 })), '≤ 10 ms');
  add('FTS: exact document number + status filter', time(200, (i) => list.page({ search: docNos[i % docNos.length], status: 'registered', limit: 100 })), '≤ 10 ms');
  add('FTS: IRN prefix (12 hex)', time(200, (i) => list.page({ search: irns[i % irns.length]!.slice(0, 12), limit: 100 })), '≤ 10 ms');
  add('FTS: buyer GSTIN (~200 matches)', time(200, (i) => list.page({ search: buyer(i * 31).gstin, limit: 100 })), '≤ 10 ms');
  add('FTS: buyer name, first 3 words (~500 matches)', time(200, (i) => list.page({ search: buyer(i * 31).name.split(' ').slice(0, 3).join(' '), limit: 100 })), '≤ 10 ms');
  add('FTS: buyer name typed halfway ("kaveri tra")', time(50, (i) => list.page({ search: `${FIRST[i % 20]} ${SECOND[(i * 7) % 20]!.slice(0, 3)}`, limit: 100 })), '≤ 10 ms');
  add('FTS: one common word (5% of rows), newest 100', time(50, (i) => list.page({ search: FIRST[i % 20], limit: 100 })), '≤ 10 ms');
  add('FTS: one common word (5% of rows) + status, newest 100', time(50, (i) => list.page({ search: FIRST[i % 20], status: 'registered', limit: 100 })), '≤ 10 ms');
  add('totals (count, sum) of the cancelled set', time(20, () => list.totals({ status: 'cancelled' })));
  add('totals (count, sum) of the registered set', time(5, () => list.totals({ status: 'registered' })));
  const bytes = statSync(ledger.file).size;
  const sizes = ledger.db
    .prepare(
      "SELECT CASE WHEN name LIKE 'invoice_search%' THEN 'fts' WHEN name LIKE 'sqlite_autoindex_registrations%' OR name = 'registrations' THEN 'registrations' WHEN name IN ('invoices', 'invoice_bodies') THEN name ELSE 'indexes' END AS part, sum(pgsize) AS bytes FROM dbstat GROUP BY part ORDER BY bytes DESC",
    )
    .all() as { part: string; bytes: number }[];
  out.push({ area: 'ledger', name: `bytes per invoice (file ${round(bytes / 2 ** 30, 2)} GiB / ${rows} rows)`, value: Math.round(bytes / rows), unit: 'B', note: sizes.map((x) => `${x.part} ${Math.round(x.bytes / rows)}`).join(', ') });
  return out;
}

/**
 * Bytes per invoice when invoices take the app's real path (draft, outbox in flight, registration,
 * journal entries) rather than the bulk load: adds the outbox row and the journal's two rows.
 */
export function realPathBytes(count = 2000): BenchRow {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-path-'));
  const file = join(dir, 'ledger.sqlite');
  const ledger = openLedger(file);
  try {
    const businessId = ledger.businesses.create({ gstin: SELLER, legalName: 'Bharat Tools Private Limited', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
    ledger.transaction(() => {
      for (let n = 1; n <= count; n += 1) {
        const b = buyer(n * 7919);
        const docNo = `BT/25/${String(n).padStart(7, '0')}`;
        const total = 10_000 + ((n * 104729) % 50_000_000);
        const inv = ledger.invoices.saveDraft({ businessId, docType: 'INV', docNo, docDate: '2025-12-01', buyerGstin: b.gstin, buyerName: b.name, totalPaise: total, draft: { buyerGstin: b.gstin, lines: [{ productId: 1 + (n % 40), qtyMilli: 2000, unitPricePaise: Math.round(total / 2.36) }], notes: '' } });
        const item = ledger.outbox.startInFlight({ invoiceId: inv.id, op: 'register', payload: payload(docNo, '01/12/2025', b, total) });
        const irn = createHash('sha256').update(`${SELLER}2025-26INV${docNo}`).digest('hex');
        ledger.outbox.completeRegistration(item.id, { irn, ackNo: String(112_510_000_000_000 + n), ackDt: '2025-12-01 10:30:00', signedInvoice: SIGNED_INVOICE, signedQrCode: SIGNED_QR, signatureVerified: true });
      }
    });
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    const parts = ledger.db
      .prepare("SELECT CASE WHEN name LIKE 'outbox%' THEN 'outbox' WHEN name LIKE 'journal%' OR name LIKE 'sqlite_autoindex_journal%' THEN 'journal' ELSE 'rest' END AS part, sum(pgsize) AS bytes FROM dbstat GROUP BY part ORDER BY bytes DESC")
      .all() as { part: string; bytes: number }[];
    const bytes = statSync(file).size;
    return { area: 'ledger', name: `bytes per invoice through the real path (${count} invoices)`, value: Math.round(bytes / count), unit: 'B', note: parts.map((x) => `${x.part} ${Math.round(x.bytes / count)}`).join(', ') };
  } finally {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the ledger in a temp dir and measures it. LEDGER_BENCH_FILE=path reuses (or builds and
 * keeps) a ledger at that path, so repeated runs need not rebuild a million rows.
 */
export function bench(): Promise<BenchRow[]> {
  const rows = Number(process.env.LEDGER_BENCH_ROWS ?? 1_000_000);
  const keep = process.env.LEDGER_BENCH_FILE;
  const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const file = keep ?? join(dir!, 'ledger.sqlite');
  const samplesFile = `${file}.samples.json`;
  const reuse = keep !== undefined && existsSync(samplesFile);
  const ledger = openLedger(file);
  try {
    const t0 = Date.now();
    const samples = reuse ? (JSON.parse(readFileSync(samplesFile, 'utf8')) as { docNos: string[]; irns: string[] }) : build(ledger, rows);
    const loadSeconds = (Date.now() - t0) / 1000;
    if (keep && !reuse) writeFileSync(samplesFile, JSON.stringify(samples));
    const builtRows = (ledger.db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number }).n;
    const out = measure(ledger, builtRows, samples);
    out.push(realPathBytes());
    if (!reuse) out.push({ area: 'ledger', name: `bulk load of ${rows} registrations (setup)`, value: round(loadSeconds, 1), unit: 's', note: `${Math.round(rows / loadSeconds)} rows/s` });
    return Promise.resolve(out);
  } finally {
    ledger.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
