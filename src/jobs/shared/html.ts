import { escapeHtml } from "../../html-escape.js";

/**
 * A tiny HTML builder for WYSIWYG summaries. Every string handed to it is escaped; markup
 * only comes from the builders here, so tenant data (a user named `<script>`, a tenant name
 * with quotes) can never become markup in NinjaOne.
 */

class SafeHtml {
  // A private member makes the type nominal: no object literal passes for built HTML.
  readonly #brand = true;
  constructor(readonly html: string) {}
}

export type Html = SafeHtml;

/** A table cell or line: plain values are escaped, `Html` is kept as built. */
export type Content = string | number | null | undefined | Html;


/** The URL normalised, when it is http(s); anything else (`javascript:`, `data:`, relative) is undefined. */
export function safeUrl(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
}

function built(html: string): Html {
  return new SafeHtml(html);
}

function content(value: Content): string {
  if (value instanceof SafeHtml) return value.html;
  if (value === null || value === undefined) return "";
  return escapeHtml(String(value));
}

/** A link opening in a new tab; an unsafe URL leaves only the label, as text. */
export function link(href: string | null | undefined, label: string): Html {
  const url = safeUrl(href);
  if (url === undefined) return built(escapeHtml(label));
  return built(`<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`);
}

export function heading(text: string): Html {
  return built(`<h3>${escapeHtml(text)}</h3>`);
}

export function paragraph(...parts: Content[]): Html {
  return built(`<p>${parts.map(content).join("")}</p>`);
}

/** Items as a bulleted list; empty items are left out. */
export function list(items: readonly Content[]): Html {
  const lis = items.map(content).filter((i) => i !== "");
  return built(`<ul>${lis.map((i) => `<li>${i}</li>`).join("")}</ul>`);
}

/** A table with a header row. */
export function table(headers: readonly string[], rows: readonly (readonly Content[])[]): Html {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${content(cell)}</td>`).join("")}</tr>`).join("");
  return built(`<table><thead>${head}</thead><tbody>${body}</tbody></table>`);
}

/** Label/value rows; rows whose value is empty are left out, so unknown facts take no space. */
export function facts(rows: readonly (readonly [string, Content])[]): Html {
  const kept = rows.filter(([, value]) => content(value) !== "");
  const body = kept.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${content(value)}</td></tr>`).join("");
  return built(`<table><tbody>${body}</tbody></table>`);
}

export function concat(parts: readonly Html[]): Html {
  return built(parts.map((p) => p.html).join(""));
}

/** A date as people read it, in UTC so every run and every operator renders the same text. */
export function formatDay(date: Date | null | undefined): string | undefined {
  if (date === null || date === undefined || !Number.isFinite(date.getTime())) return undefined;
  return date.toISOString().slice(0, 10);
}
