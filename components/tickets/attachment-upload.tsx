'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

const MAX_BYTES = 25 * 1024 * 1024;

/** Uploads one file to the item's attachments route; large files never go through a server action. */
export function AttachmentUpload({ uploadUrl }: { uploadUrl: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(form: HTMLFormElement) {
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return setMessage({ tone: 'error', text: 'Choose a file first.' });
    if (file.size === 0) return setMessage({ tone: 'error', text: 'The file is empty.' });
    if (file.size > MAX_BYTES)
      return setMessage({ tone: 'error', text: 'Files can be at most 25 MB.' });
    setBusy(true);
    try {
      const body = new FormData();
      body.set('file', file);
      const response = await fetch(uploadUrl, { method: 'POST', body });
      const json = (await response.json().catch(() => ({}))) as {
        error?: string;
        fields?: Record<string, string>;
      };
      if (!response.ok)
        return setMessage({
          tone: 'error',
          text: json.fields?.file ?? json.error ?? 'The upload failed.',
        });
      setMessage({ tone: 'success', text: `Attached ${file.name}.` });
      form.reset();
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void upload(event.currentTarget);
      }}
    >
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <label className="block text-sm font-medium text-slate-800" htmlFor="attachment-file">
        Attach a file (up to 25 MB)
      </label>
      <input id="attachment-file" name="file" type="file" className="block text-sm" />
      <Button type="submit" variant="secondary" disabled={busy}>
        {busy ? 'Uploading…' : 'Upload'}
      </Button>
    </form>
  );
}
