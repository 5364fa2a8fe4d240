import type { AttachmentView } from '@cadastro/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format.ts';

/** "Disponível", "Arquivado", "Restaurando — pronto em até …", "Disponível até …". */
export function StateBadge({ attachment }: { attachment: AttachmentView }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : null);
  const text = (() => {
    switch (attachment.state) {
      case 'restoring': {
        const readyBy = date(attachment.restoreReadyBy);
        return readyBy
          ? t('attachments.states.restoring', { date: readyBy })
          : t('attachments.states.restoringNoDate');
      }
      case 'restored': {
        const until = date(attachment.restoreExpiresAt);
        return until ? t('attachments.states.restored', { date: until }) : t('attachments.states.stored');
      }
      default:
        return t(`attachments.states.${attachment.state}`);
    }
  })();
  return <span className={`badge badge--${attachment.state}`}>{text}</span>;
}
