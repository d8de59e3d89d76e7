// `govern audit keygen`: creates the pipeline's Ed25519 key pair. The private key goes into a 0600
// file to be stored as the apply workflow's secret GOVERN_AUDIT_KEY and then deleted; it is never
// printed. The public key is committed as audit/pipeline-key.pub.
import { resolve } from 'node:path';
import { generateKeyPair } from '../audit/index.ts';
import { localize } from '../i18n/index.ts';
import { str } from './audit-common.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'audit keygen',
  summary: { zh: '生成流水线签名密钥对（Ed25519）', en: "create the pipeline's signing key pair (Ed25519)" },
  usage: '--out DIR',
  options: {
    out: { type: 'string', arg: 'DIR', description: { zh: '写入 pipeline-key.pem（私钥，0600）与 pipeline-key.pub 的目录', en: 'directory for pipeline-key.pem (private, 0600) and pipeline-key.pub' } },
  },
  async run(args, ctx) {
    const out = str(args, 'out');
    if (!out) throw new UsageError({ zh: '需要 --out DIR', en: '--out DIR is required' });
    const k = generateKeyPair(resolve(ctx.cwd, out));
    ctx.io.out(
      localize(
        {
          zh: '已生成密钥对（密钥标识 {id}）。\n私钥：{priv}（权限 0600；存为应用流水线的机密 GOVERN_AUDIT_KEY 后删除本地副本，切勿提交）\n公钥：{pub}（复制到 audit/pipeline-key.pub 并提交；轮换时追加，不删除旧公钥）',
          en: 'key pair created (key id {id}).\nprivate key: {priv} (mode 0600; store it as the apply workflow secret GOVERN_AUDIT_KEY, then delete this copy; never commit it)\npublic key: {pub} (copy to audit/pipeline-key.pub and commit; on rotation append, never remove old keys)',
        },
        ctx.lang,
        { id: k.keyId, priv: k.privateKeyFile, pub: k.publicKeyFile },
      ),
    );
    return EXIT.ok;
  },
};
