const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `code` spans from backticks, everything else escaped: enough markdown for the descriptions we write. */
export function inline(text: unknown): string {
  return esc(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** An id usable as a fragment, derived from arbitrary text. */
export function anchor(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}
header,main{max-width:1040px;margin:0 auto;padding:0 20px}
header{padding-top:24px}h1{margin:0 0 4px}h2{margin-top:36px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
section.op{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:14px 0}
.m{display:inline-block;min-width:52px;text-align:center;font-weight:700;color:#fff;border-radius:4px;padding:1px 6px;margin-right:8px}
.get{background:#1f6feb}.post{background:#2da44e}.put{background:#bf8700}.delete{background:#cf222e}.patch{background:#8250df}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}.role{float:right;font-size:13px;color:#57606a}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:14px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f6}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;max-height:420px}
nav ul{columns:2;padding-left:18px}h4{margin:10px 0 2px}
`;
