import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, DefaultStackSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StackSettings } from './settings.ts';
import { CadastroStack } from './stack.ts';

export const STACK_NAME = 'Cadastro';

export interface Synthesized {
  outDir: string;
  templatePath: string;
  template: Record<string, unknown>;
  /** cdk-nag's AwsSolutions findings that no acknowledgement covers (synthesis fails when there are any). */
  findings: string[];
}

/**
 * Synthesizes the stack into `outDir` (a cloud assembly that `cdk deploy --app <outDir>` deploys), offline, with
 * cdk-nag's AwsSolutions checks as a validation plugin. Throws when a finding is not acknowledged.
 */
export function synthesize(settings: StackSettings, outDir: string): Synthesized {
  const app = new App({ outdir: outDir });
  new CadastroStack(app, STACK_NAME, settings, {
    description: 'Cadastro: customer registration on EC2, DynamoDB and S3',
    // No bootstrap-version rule: the template also deploys into moto's CloudFormation in the tests.
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let failure: unknown;
  try {
    app.synth();
  } catch (error) {
    failure = error;
  }
  const findings = validationFindings(outDir);
  if (failure && findings.length === 0) throw failure;
  const templatePath = join(outDir, `${STACK_NAME}.template.json`);
  const template = existsSync(templatePath) ? JSON.parse(readFileSync(templatePath, 'utf8')) : {};
  return { outDir, templatePath, template, findings };
}

/** The violations in the validation report CDK writes into the cloud assembly. */
function validationFindings(outDir: string): string[] {
  const file = join(outDir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports?: Array<{
      pluginName?: string;
      violations?: Array<{
        ruleName: string;
        description?: string;
        violatingConstructs?: Array<{ constructPath?: string }>;
      }>;
    }>;
  };
  // CDK's own CloudFormation validation reports warnings there too; the findings asked for are cdk-nag's.
  return (report.pluginReports ?? [])
    .filter((p) => p.pluginName === 'AwsSolutions')
    .flatMap((p) =>
      (p.violations ?? []).flatMap((v) =>
        (v.violatingConstructs ?? [{}]).map(
          (c) => `${v.ruleName} at ${c.constructPath ?? '?'}: ${v.description ?? ''}`,
        ),
      ),
    );
}
