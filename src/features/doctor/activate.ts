/**
 * The connection doctor feature: `msk.diagnoseConnection` on a cluster or connection node, from the
 * palette (asks which cluster) or from an error's button (DiagnoseConnectionArgs), opening the
 * Connection Doctor panel (./doctorPanel.ts) that runs src/services/doctor/.
 */
import { Commands } from '../../contract/commands';
import { isDiagnoseConnectionArgs } from '../../contract/crossFeature';
import { UserError } from '../../shared/errors';
import { resolveCluster } from '../explorer/pickers';
import type { FeatureDeps } from '../featureDeps';
import { DoctorPanels } from './doctorPanel';

export function activateDoctor(deps: FeatureDeps): void {
  const { context, commands, backend, view, log } = deps;
  const panels = new DoctorPanels({
    extensionUri: context.extensionUri,
    log,
    environment: () => {
      const env = backend.doctor?.();
      if (!env) throw new UserError('The connection doctor is not available in this window.', { code: 'NoDoctor' });
      return env;
    },
  });
  context.subscriptions.push(panels);
  commands.register(Commands.diagnoseConnection, async (arg) => {
    const cluster = isDiagnoseConnectionArgs(arg)
      ? arg.cluster
      : await resolveCluster(arg, backend, view, 'Diagnose the connection to…');
    panels.open(cluster);
  });
}
