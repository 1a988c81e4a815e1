/** Each certificate source takes its own fields; an SDS server needs a socket or an address. */
import type { Rule } from '../context.js';
import { refAt } from '../../dsl/model.js';
import type { CertificatesSpec } from '../../dsl/schema.js';
import { isLoopback, splitHostPort } from '../../dsl/endpoint.js';

const FIELDS: Readonly<Record<NonNullable<CertificatesSpec['source']>, readonly (keyof CertificatesSpec)[]>> = {
  files: ['source', 'dir', 'sdsDir'],
  spire: ['source', 'socket', 'identitySecret', 'trustBundleSecret'],
  sds: ['source', 'socket', 'address', 'identitySecret', 'trustBundleSecret'],
};

export const certificateSourceFields: Rule = {
  id: 'certificate-source-fields',
  check({ model, report }) {
    const spec = model.mesh?.value.certificates;
    if (!spec || !model.mesh) return;
    const at = refAt(model.mesh.at, 'certificates');
    const source = spec.source ?? 'files';
    const allowed = FIELDS[source];
    for (const key of Object.keys(spec) as (keyof CertificatesSpec)[]) {
      if (allowed.includes(key)) continue;
      report('certificate-source-fields', {
        at: refAt(at, key),
        target: 'key',
        message: `${key} does not apply to certificate source ${source}`,
        hint: `source ${source} takes: ${allowed.filter((f) => f !== 'source').join(', ')}`,
      });
    }
    if (source === 'sds' && (spec.socket === undefined) === (spec.address === undefined)) {
      report('certificate-source-fields', {
        at: spec.socket !== undefined ? refAt(at, 'address') : refAt(at, 'source'),
        target: 'key',
        message: spec.socket === undefined ? 'an sds source needs a socket or an address' : 'give either socket or address, not both',
        hint: 'e.g. `socket: /run/sds/sds.sock` or `address: 127.0.0.1:8234`',
      });
    }
    const address = source === 'sds' && spec.address !== undefined ? splitHostPort(spec.address) : undefined;
    if (address?.ok && spec.socket === undefined && !isLoopback(address.value.address)) {
      report('certificate-source-fields', {
        at: refAt(at, 'address'),
        message: `SDS over TCP to ${address.value.address} would send every workload's private key across the network in clear`,
        hint: "use `socket:` (a Unix socket), or run the SDS server on each workload's host and give 127.0.0.1:<port>",
      });
    }
  },
};
