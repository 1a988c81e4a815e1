/** File-system failures while writing certificates, as diagnostics (they are not meshc bugs). */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isErrnoException } from './store.js';

/** The diagnostic for a failed write; anything but a file-system error is rethrown as a bug. */
export function writeFailed(error: unknown, what: string): Diagnostic {
  if (!isErrnoException(error)) throw error;
  return diagnostic('cert-write-failed', {
    message: `cannot write ${what}: ${error.message}`,
    hint: 'check that the output directory is writable and that `current` is a symbolic link',
  });
}
