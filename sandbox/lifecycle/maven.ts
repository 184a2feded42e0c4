/**
 * Maven supplies the Java side: the Kafka/Connect runtime classpath (jars from Maven Central,
 * cached in ~/.m2) and the broker's IAM token check (built from sandbox/broker/iam-auth).
 * Both results are cached in the poms' target/ folders (git-ignored, shared by every state
 * folder) and redone only when their inputs change.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokerPomDir, iamAuthPomDir, kafkaMajor } from './settings';

function mvn(args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('mvn', ['-q', '-B', ...args], { maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const out = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n');
        const notFound = /Could not (find|resolve) artifact|could not be resolved/i.test(out);
        reject(
          new Error(
            `Maven failed to ${what}${notFound ? ' (is the Kafka version published on Maven Central?)' : ''}:\n${out || err.message}`,
          ),
        );
      } else resolve(stdout);
    });
  });
}

function hashOf(parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The runtime classpath (broker + Connect + logging) for a Kafka version. */
export async function runtimeClasspath(kafkaVersion: string): Promise<string> {
  const buildDir = join(brokerPomDir, 'target');
  mkdirSync(buildDir, { recursive: true });
  const pom = join(brokerPomDir, 'pom.xml');
  const major = kafkaMajor(kafkaVersion);
  const key = hashOf([readFileSync(pom), kafkaVersion, String(major)]);
  const cacheFile = join(buildDir, `classpath-${kafkaVersion}.json`);
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key: string; classpath: string };
    if (cached.key === key && cached.classpath.split(':').every((jar) => existsSync(jar))) return cached.classpath;
  }
  const outFile = join(buildDir, `classpath-${kafkaVersion}.txt`);
  await mvn(
    [
      '-f',
      pom,
      'dependency:build-classpath',
      `-Dkafka.version=${kafkaVersion}`,
      `-Dkafka.major=${major}`,
      `-Dmdep.outputFile=${outFile}`,
      '-Dmdep.includeScope=runtime',
    ],
    `resolve the Kafka ${kafkaVersion} jars`,
  );
  const classpath = readFileSync(outFile, 'utf8').trim();
  if (!classpath.includes('kafka_2.13'))
    throw new Error(`Maven returned no Kafka ${kafkaVersion} jars (see ${outFile})`);
  writeFileSync(cacheFile, JSON.stringify({ key, classpath }));
  return classpath;
}

/** Builds (when its sources changed) the jar holding the broker's IAM token check. */
export async function iamAuthJar(kafkaVersion: string): Promise<string> {
  const sources = [join(iamAuthPomDir, 'pom.xml'), ...filesUnder(join(iamAuthPomDir, 'src'))];
  const key = hashOf([kafkaVersion, ...sources.flatMap((f) => [f, readFileSync(f)])]);
  const jar = join(iamAuthPomDir, 'target', `kafka-${kafkaVersion}`, 'msk-sandbox-iam-auth.jar');
  const stamp = join(iamAuthPomDir, 'target', `kafka-${kafkaVersion}`, 'sources.stamp');
  if (existsSync(jar) && existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return jar;
  await mvn(
    ['-f', join(iamAuthPomDir, 'pom.xml'), 'package', `-Dkafka.version=${kafkaVersion}`],
    'build the IAM token check (sandbox/broker/iam-auth)',
  );
  if (!existsSync(jar)) throw new Error(`Maven built no ${jar}`);
  writeFileSync(stamp, key);
  return jar;
}
