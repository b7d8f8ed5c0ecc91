/**
 * The layout every message shares, whoever sends it: a greeting, short
 * paragraphs, at most one clear action, and the reference code when there is
 * one. The words live with the context that sends them (e.g.
 * referrals/referral-messages.ts); this file only lays them out for a channel.
 */
export interface EmailContent {
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Two or three one-tap answers shown side by side ("Yes" / "Not today"), after the paragraphs. */
  choices?: { label: string; url: string }[];
  /** A last line with a quiet link ("Stop these messages"). */
  footerLink?: { label: string; url: string };
  reference?: string;
}

/** A message before it is rendered: its subject and plain-words content. */
export interface Message {
  subject: string;
  content: EmailContent;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderEmail(content: EmailContent): { text: string; html: string } {
  const footer = "This message was sent by Linkway. Please do not reply to this email.";
  const textParts = [
    content.greeting,
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...(content.choices ?? []).map((c) => `${c.label}:\n${c.url}`),
    ...(content.reference ? [`Your reference: ${content.reference}`] : []),
    ...(content.footerLink ? [`${content.footerLink.label}:\n${content.footerLink.url}`] : []),
    footer,
  ];
  const htmlParts = [
    `<p>${escapeHtml(content.greeting)}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.action
      ? [
          `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#00594f;color:#fff;font-weight:bold;text-decoration:none;border-radius:6px">${escapeHtml(content.action.label)}</a></p>`,
        ]
      : []),
    ...(content.choices?.length
      ? [
          `<p>${content.choices
            .map(
              (c) =>
                `<a href="${escapeHtml(c.url)}" style="display:inline-block;margin:0 12px 12px 0;padding:12px 24px;background:#00594f;color:#fff;font-weight:bold;text-decoration:none;border-radius:6px">${escapeHtml(c.label)}</a>`,
            )
            .join("")}</p>`,
        ]
      : []),
    ...(content.reference ? [`<p>Your reference: <strong>${escapeHtml(content.reference)}</strong></p>`] : []),
    ...(content.footerLink ? [`<p><a href="${escapeHtml(content.footerLink.url)}" style="color:#1b1b1b">${escapeHtml(content.footerLink.label)}</a></p>`] : []),
    `<p style="color:#505a5f">${escapeHtml(footer)}</p>`,
  ];
  return {
    text: textParts.join("\n\n"),
    html: `<div style="font-family:system-ui,Arial,sans-serif;font-size:18px;line-height:1.5;color:#1b1b1b">${htmlParts.join("")}</div>`,
  };
}

/** The same content as a text message: the opening line, the link and the reference. */
export function renderText(content: EmailContent): string {
  return [content.paragraphs[0], content.action?.url, content.reference ? `Ref ${content.reference}` : null].filter(Boolean).join(" ");
}
