import { Card } from '@/components/ui/card';
import { formatBytes } from '@/lib/format-bytes';
import { AttachmentUpload } from './attachment-upload';
import type { TicketAttachment } from './ticket-types';

/** Files kept as evidence, downloadable, and an upload for those who can work the item. */
export function AttachmentsSection({
  basePath,
  attachments,
  canUpload,
}: {
  basePath: string;
  attachments: TicketAttachment[];
  canUpload: boolean;
}) {
  return (
    <Card title={`Attachments (${attachments.length})`}>
      <div id="attachments" className="space-y-3">
        <ul className="space-y-1 text-sm">
          {attachments.map((a) => (
            <li key={a.id}>
              <a
                href={`${basePath}/attachments/${a.id}`}
                className="text-brand-700 underline"
                download
              >
                {a.fileName}
              </a>{' '}
              <span className="text-xs text-slate-500">
                {a.contentType}, {formatBytes(a.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
        {canUpload && <AttachmentUpload uploadUrl={`${basePath}/attachments`} />}
      </div>
    </Card>
  );
}
