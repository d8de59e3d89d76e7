// The local GitHub server's validator is itself checked: it must reject what GitHub's description rejects,
// or every "valid response" assertion in the other tests would be empty.
import { describe, expect, it } from 'vitest';
import { SERVED_OPERATIONS } from '../support/github-server.ts';
import { openApiValidator } from '../support/openapi.ts';

const getPull = { method: 'get', path: '/repos/{owner}/{repo}/pulls/{pull_number}' } as const;
const putProtection = { method: 'put', path: '/repos/{owner}/{repo}/branches/{branch}/protection' } as const;

describe('OpenAPI validation of the local GitHub server', () => {
  it('rejects a pull request missing required fields', () => {
    const v = openApiValidator(SERVED_OPERATIONS);
    const errors = v.response(getPull, 200, { number: 1 });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/must have required property '\w+'/);
  });

  it('rejects a status GitHub does not document for the operation', () => {
    const v = openApiValidator(SERVED_OPERATIONS);
    expect(v.response(getPull, 418, {})).toEqual(['pulls/get: GitHub does not document status 418 for this operation']);
  });

  it('rejects a branch protection request without its required members and accepts null where GitHub allows it', () => {
    const v = openApiValidator(SERVED_OPERATIONS);
    expect(v.request(putProtection, { enforce_admins: true }).join('\n')).toContain('required_status_checks');
    expect(v.request(putProtection, { required_status_checks: null, enforce_admins: null, required_pull_request_reviews: null, restrictions: null })).toEqual([]);
  });
});
