import { ATTACHMENT_MAX_BYTES_DEFAULT } from '@cadastro/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { AttachmentUploader } from './AttachmentUploader.tsx';

/** The whole feature for a signed-in customer: upload and the list of their documents. */
export function AttachmentsPanel() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.attachments.rules.queryOptions());
  return (
    <div className="attachments">
      <AttachmentUploader maxBytes={rules.data?.maxBytes ?? ATTACHMENT_MAX_BYTES_DEFAULT} />
      <AttachmentList />
    </div>
  );
}
