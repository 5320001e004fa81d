import { Link, Section } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { paragraph } from './layout';

// Descriptions, notes and findings are Markdown; the item's page renders them with
// react-markdown (components/ui/markdown.tsx), so the email uses the same parser and the
// same rules and shows what the page shows. Mail clients strip <style>, so each element
// gets its style inline; the plain-text part is converted from this HTML (render-email.ts).

/** Links an email may carry: anything else (javascript:, data:, relative paths) becomes text. */
const SAFE_URL = /^(https?:|mailto:)/i;

function safeUrl(url: string): string {
  return SAFE_URL.test(url.trim()) ? url.trim() : '';
}

const text: CSSProperties = { ...paragraph, margin: '0 0 12px' };
const code: CSSProperties = {
  backgroundColor: '#f1f5f9',
  borderRadius: 4,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 13,
  padding: '0 4px',
};
const heading: CSSProperties = { ...paragraph, fontWeight: 600, margin: '12px 0 4px' };
const cell: CSSProperties = { border: '1px solid #cbd5e1', fontSize: 13, padding: '2px 6px' };

const COMPONENTS: Components = {
  p: ({ children }) => <p style={text}>{children}</p>,
  h1: ({ children }) => <p style={heading}>{children}</p>,
  h2: ({ children }) => <p style={heading}>{children}</p>,
  h3: ({ children }) => <p style={heading}>{children}</p>,
  h4: ({ children }) => <p style={heading}>{children}</p>,
  h5: ({ children }) => <p style={heading}>{children}</p>,
  h6: ({ children }) => <p style={heading}>{children}</p>,
  ul: ({ children }) => <ul style={{ ...text, paddingLeft: 20 }}>{children}</ul>,
  ol: ({ children }) => <ol style={{ ...text, paddingLeft: 20 }}>{children}</ol>,
  li: ({ children }) => <li style={{ margin: '2px 0' }}>{children}</li>,
  blockquote: ({ children }) => (
    <blockquote style={{ borderLeft: '3px solid #e2e8f0', margin: '0 0 12px', paddingLeft: 10 }}>
      {children}
    </blockquote>
  ),
  code: ({ children }) => <code style={code}>{children}</code>,
  pre: ({ children }) => (
    <pre style={{ ...code, display: 'block', padding: 8, whiteSpace: 'pre-wrap' }}>{children}</pre>
  ),
  table: ({ children }) => (
    <table style={{ borderCollapse: 'collapse', margin: '0 0 12px' }}>{children}</table>
  ),
  th: ({ children }) => <th style={{ ...cell, textAlign: 'left' }}>{children}</th>,
  td: ({ children }) => <td style={cell}>{children}</td>,
  a: ({ href, children }) =>
    href ? (
      <Link href={href} style={{ color: '#1d4ed8', textDecoration: 'underline' }}>
        {children}
      </Link>
    ) : (
      <>{children}</>
    ),
  // Remote images would tell a sender who opened the email and when; their text stays.
  img: ({ alt, src }) =>
    typeof src === 'string' && src ? (
      <Link href={src} style={{ color: '#1d4ed8' }}>
        {alt || src}
      </Link>
    ) : (
      <>{alt}</>
    ),
};

/** Markdown someone wrote, as email HTML: no raw HTML, links only http(s) and mailto. */
export function EmailMarkdown({ children }: { children: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm]}
      skipHtml
      urlTransform={safeUrl}
      components={COMPONENTS}
    >
      {children}
    </ReactMarkdown>
  );
}

/** Written text set off by a bar on its left: a closing note, findings, a reason. */
export function QuotedMarkdown({ children }: { children: string }) {
  return (
    <Section style={{ borderLeft: '3px solid #cbd5e1', margin: '0 0 12px', paddingLeft: 12 }}>
      <EmailMarkdown>{children}</EmailMarkdown>
    </Section>
  );
}

/** "Note:" and the note beneath it. */
export function LabelledMarkdown({ label, children }: { label: ReactNode; children: string }) {
  return (
    <>
      <p style={{ ...text, margin: '12px 0 4px' }}>{label}</p>
      <EmailMarkdown>{children}</EmailMarkdown>
    </>
  );
}
