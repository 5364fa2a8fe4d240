import type { BackupDeps } from '@cadastro/backup';
import type { BackupManager, BackupManagerOptions } from './manager.ts';

/**
 * The backup manager, loaded on its first use: the backup engine, the restore and S3 multipart uploads are a chunk
 * of the release that a server which never backs up (most of its life) does not evaluate or keep in memory.
 */
export function createLazyBackupManager(deps: BackupDeps, options?: BackupManagerOptions): BackupManager {
  let loaded: Promise<BackupManager> | undefined;
  const manager = () => {
    loaded ??= import('./manager.ts').then(({ createBackupManager }) => createBackupManager(deps, options));
    return loaded;
  };
  return {
    start: async (...args) => (await manager()).start(...args),
    async *progress(...args) {
      yield* (await manager()).progress(...args);
    },
    get: async (...args) => (await manager()).get(...args),
    list: async (...args) => (await manager()).list(...args),
    verify: async (...args) => (await manager()).verify(...args),
    apply: async (...args) => (await manager()).apply(...args),
    restoreFromArchive: async (...args) => (await manager()).restoreFromArchive(...args),
  };
}
