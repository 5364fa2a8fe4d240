import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_KINDS,
  type AttachmentKind,
  checkFileBeforeUpload,
  formatBytes,
} from '@cadastro/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { type DragEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/error-text.ts';
import { useTRPC } from '../../trpc.ts';
import { postToS3 } from './upload.ts';

type Progress =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; fraction: number }
  | { phase: 'checking'; fileName: string }
  | { phase: 'done'; fileName: string }
  | { phase: 'failed'; message: string };

/** Drag-and-drop (or chosen) upload: pre-checked with the shared rules, posted to S3 with progress, confirmed. */
export function AttachmentUploader({ maxBytes }: { maxBytes: number }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const createUpload = useMutation(trpc.attachments.createUpload.mutationOptions());
  const confirm = useMutation(trpc.attachments.confirm.mutationOptions());
  const [kind, setKind] = useState<AttachmentKind>('identity');
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = { kind: useId(), status: useId() };
  const busy = progress.phase === 'uploading' || progress.phase === 'checking';

  async function send(file: File) {
    const problem = checkFileBeforeUpload(file, maxBytes);
    if (problem) {
      setProgress({ phase: 'failed', message: errorText(problem) ?? '' });
      return;
    }
    try {
      setProgress({ phase: 'uploading', fileName: file.name, fraction: 0 });
      const upload = await createUpload.mutateAsync({
        kind,
        fileName: file.name,
        contentType: file.type as (typeof ATTACHMENT_CONTENT_TYPES)[number],
        size: file.size,
      });
      await postToS3(upload, file, (fraction) =>
        setProgress({ phase: 'uploading', fileName: file.name, fraction }),
      );
      setProgress({ phase: 'checking', fileName: file.name });
      await confirm.mutateAsync({ attachmentId: upload.attachmentId });
      setProgress({ phase: 'done', fileName: file.name });
      await queryClient.invalidateQueries(trpc.attachments.list.pathFilter());
    } catch (error) {
      const reason =
        error instanceof TRPCClientError ? (error.data as { reason?: string })?.reason : undefined;
      setProgress({ phase: 'failed', message: errorText(reason ?? 'unexpected') ?? '' });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) void send(file);
  };

  return (
    <div className="attachment-uploader">
      <div className="field">
        <label className="field__label" htmlFor={ids.kind}>
          {t('attachments.kindLabel')}
        </label>
        <select
          id={ids.kind}
          className="field__control field__control--select"
          value={kind}
          onChange={(e) => setKind(e.target.value as AttachmentKind)}
          disabled={busy}
        >
          {ATTACHMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`attachments.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target; the button inside is the keyboard path */}
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          {t('attachments.dropzone')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => input.current?.click()}
            disabled={busy}
          >
            {t('attachments.choose')}
          </button>
        </p>
        <p className="field__hint">
          {t('attachments.intro', { maxSize: formatBytes(maxBytes, i18n.language) })}
        </p>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          accept={ATTACHMENT_CONTENT_TYPES.join(',')}
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void send(file);
          }}
        />
      </div>
      <div id={ids.status} className="upload-status" role="status" aria-live="polite">
        {progress.phase === 'uploading' && (
          <>
            <span>{t('attachments.uploading', { fileName: progress.fileName })}</span>
            <progress
              className="upload-progress"
              aria-label={t('attachments.progressLabel')}
              max={100}
              value={Math.round(progress.fraction * 100)}
            />
            <span>{Math.round(progress.fraction * 100)}%</span>
          </>
        )}
        {progress.phase === 'checking' && <span>{t('attachments.checking')}</span>}
        {progress.phase === 'done' && (
          <span>{t('attachments.uploaded', { fileName: progress.fileName })}</span>
        )}
        {progress.phase === 'failed' && (
          <span className="field__error" role="alert">
            {progress.message}
          </span>
        )}
      </div>
    </div>
  );
}
