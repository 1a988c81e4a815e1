/** MC5xxx: command line, input and output files. */
import type { CodeEntry } from './entry.js';

export const CLI_CODES = [
  {
    code: 'MC5001',
    name: 'input-not-found',
    severity: 'error',
    summary: 'An input path does not exist.',
  },
  {
    code: 'MC5002',
    name: 'no-input-files',
    severity: 'error',
    summary: 'No .yaml or .yml files were found in the input.',
  },
  {
    code: 'MC5003',
    name: 'read-failed',
    severity: 'error',
    summary: 'An input file could not be read.',
  },
  {
    code: 'MC5004',
    name: 'output-not-owned',
    severity: 'error',
    summary: 'The output directory exists, is not empty and was not written by meshc.',
  },
  {
    code: 'MC5005',
    name: 'write-failed',
    severity: 'error',
    summary: 'The output could not be written.',
  },
  {
    code: 'MC5006',
    name: 'empty-input',
    severity: 'error',
    summary: 'An input file is empty.',
  },
  {
    code: 'MC5007',
    name: 'binary-input',
    severity: 'error',
    summary: 'An input file is not UTF-8 text.',
  },
  {
    code: 'MC5008',
    name: 'missing-control-plane',
    severity: 'error',
    summary: '`--mode ads` with a mesh that has no `controlPlane`.',
  },
  {
    code: 'MC5009',
    name: 'serve-tls-required',
    severity: 'error',
    summary: '`meshc serve` without mutual TLS, or plaintext on an address other than loopback.',
  },
  {
    code: 'MC5010',
    name: 'serve-certificate-missing',
    severity: 'error',
    summary: 'The certificate files `meshc serve` needs are missing.',
  },
  {
    code: 'MC5011',
    name: 'serve-listen-failed',
    severity: 'error',
    summary: '`meshc serve` could not listen on its ADS or admin address.',
  },
  {
    code: 'MC5012',
    name: 'invalid-endpoint-file',
    severity: 'error',
    summary: 'An endpoint file of `meshc serve --endpoints` is malformed.',
  },
  {
    code: 'MC5013',
    name: 'unknown-endpoint-target',
    severity: 'error',
    summary: 'An endpoint file names a service or version the mesh does not have, or one found by DNS.',
  },
] as const satisfies readonly CodeEntry[];
