/**
 * Ready-made monitoring for the whole mesh, under _mesh/: the Prometheus configuration that
 * scrapes every sidecar, recording and alerting rules, and a Grafana dashboard on top of them.
 */
import type { PolicyModule } from '../policy.js';
import { grafanaDashboard } from './dashboard.js';
import { prometheusConfig, RULES_FILE } from './prometheus.js';
import { prometheusRules } from './rules.js';

export const monitoring: PolicyModule = {
  id: 'monitoring',
  order: 1800,
  meshFiles: (mesh) => [
    { path: 'prometheus.yml', content: prometheusConfig(mesh) },
    { path: RULES_FILE, content: prometheusRules(mesh) },
    { path: 'grafana-dashboard.json', content: grafanaDashboard(mesh) },
  ],
};
