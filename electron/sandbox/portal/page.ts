/**
 * The practice portal's one page, for a person practising the portal road in a browser: choose
 * the practice GSTIN you are "logged in" as, choose the bulk-upload file, upload, then download
 * the results. Plain HTML and a few lines of script; the practice IRP serves it on 127.0.0.1 only.
 */
export const PORTAL_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Practice e-invoice portal: bulk upload</title>
<style>
body{font:15px system-ui,sans-serif;max-width:760px;margin:32px auto;padding:0 16px;color:#1d2939}
h1{font-size:22px}.note{background:#fff4d6;padding:8px 12px;border-radius:6px}
label{display:block;margin:14px 0 4px;font-weight:600}button{margin-top:16px;padding:8px 16px;font-size:15px}
#out{margin-top:20px}.err{color:#b42318}li{margin:4px 0}
</style></head><body>
<h1>Practice e-invoice portal: Bulk Upload</h1>
<p class="note">This is the practice IRP on your computer, standing in for the e-invoice portal. Nothing here reaches NIC.</p>
<form id="f">
<label for="gstin">Logged in as (GSTIN)</label><select id="gstin" required></select>
<label for="file">Bulk-upload JSON file (at most 1 MB)</label><input id="file" type="file" accept=".json,application/json" required>
<div><button type="submit">Upload</button></div>
</form>
<div id="out" role="status"></div>
<script>
const out = document.getElementById('out');
fetch('/sandbox/accounts').then((r) => r.json()).then((accounts) => {
  const sel = document.getElementById('gstin');
  for (const a of accounts) sel.add(new Option(a.gstin + ' - ' + a.legalName, a.gstin));
});
document.getElementById('f').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const file = document.getElementById('file').files[0];
  if (!file) return;
  out.textContent = 'Uploading...';
  const gstin = document.getElementById('gstin').value;
  const res = await fetch('/portal/bulk-upload?gstin=' + encodeURIComponent(gstin) + '&fileName=' + encodeURIComponent(file.name), { method: 'POST', body: await file.text() });
  const s = await res.json();
  if (!res.ok) { out.innerHTML = ''; const p = document.createElement('p'); p.className = 'err'; p.textContent = s.error; out.append(p); return; }
  out.innerHTML = '<p><strong></strong></p><p>Download the results:</p><ul>'
    + '<li><a data-k="json">Results (JSON, with the signed QR codes): import this file in e-Invoice Desk</a></li>'
    + '<li><a data-k="generatedCsv">IRN generated (CSV)</a></li><li><a data-k="errorsCsv">Errors (CSV)</a></li>'
    + '<li><a data-k="xlsx">Results (Excel)</a></li></ul>';
  out.querySelector('strong').textContent = s.fileName + ': ' + s.generated + ' IRN generated, ' + s.failed + ' not generated.';
  const stem = s.fileName.replace(/[.]json$/i, '');
  const names = { json: '-results.json', generatedCsv: '-generated.csv', errorsCsv: '-errors.csv', xlsx: '-results.xlsx' };
  for (const a of out.querySelectorAll('a')) { a.href = s.downloads[a.dataset.k]; a.download = stem + names[a.dataset.k]; }
});
</script>
</body></html>
`;
