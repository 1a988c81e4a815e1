/**
 * Synthetic meshes for scaling tests and benchmarks: `services` services in a ring, each
 * calling the next `fanOut` services; every service has two versions split 90/10, retries,
 * a timeout, a circuit breaker and outlier detection, so each edge exercises the usual features.
 */
export interface MeshShape {
  readonly services: number;
  readonly fanOut: number;
  readonly endpointsPerVersion?: number;
}

export function serviceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}

export function generateMesh({ services, fanOut, endpointsPerVersion = 2 }: MeshShape): string {
  const lines: string[] = [
    'apiVersion: meshc/v1',
    'mesh: { name: bench, trustDomain: bench.example, mtls: off }',
    'defaults:',
    '  timeout: 3s',
    '  retries: { attempts: 2, perTryTimeout: 900ms, on: [connect-failure, refused-stream, unavailable] }',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const calls = Array.from({ length: Math.min(fanOut, services - 1) }, (_, k) => serviceName((i + k + 1) % services));
    lines.push(
      `  ${serviceName(i)}:`,
      '    protocol: http',
      `    port: ${20000 + i}`,
      '    versions:',
      `      v1: { endpoints: [${endpoints(i, 1, endpointsPerVersion)}] }`,
      `      v2: { endpoints: [${endpoints(i, 2, endpointsPerVersion)}] }`,
      `    calls: [${calls.join(', ')}]`,
      '    routes:',
      '      - name: canary',
      '        match: { headers: { x-canary: "1" } }',
      '        to: v2',
      '      - split: { v1: 90, v2: 10 }',
      '    circuitBreaker: { maxConnections: 1000, maxRequests: 1000, retryBudget: { percent: 20, minConcurrency: 3 } }',
      '    outlierDetection: { consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50 }',
    );
  }
  return lines.join('\n') + '\n';
}

/** One IP per (service, version); several endpoints differ by port. */
function endpoints(service: number, version: number, count: number): string {
  const ip = `10.${version}.${Math.floor(service / 250)}.${(service % 250) + 1}`;
  return Array.from({ length: count }, (_, k) => `${ip}:${15006 + k}`).join(', ');
}
