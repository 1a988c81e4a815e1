/**
 * Until meshc emits mutual TLS, a mesh must say `mtls: off` out loud: the default (strict) and
 * permissive are refused rather than silently compiled to plaintext.
 */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';

export const mtlsNotAvailable: Rule = {
  id: 'mtls-not-available',
  check({ model, report }) {
    const mesh = model.mesh;
    if (!mesh || mesh.value.mtls === 'off') return;
    const explicit = mesh.value.mtls !== undefined;
    report('mtls-not-available', {
      at: explicit ? refAt(mesh.at, 'mtls') : mesh.at,
      target: explicit ? 'value' : 'key',
      message: explicit
        ? `mtls: ${mesh.value.mtls} is not available in this version of meshc`
        : 'mtls defaults to strict, which is not available in this version of meshc',
      hint: 'set `mesh.mtls: off` to compile a plaintext mesh knowingly',
    });
  },
};
