// A result of the ticket service the reply tests share: a SOC officer pressed Approve on a request waiting for
// MAMPU/JDN, and nothing is his to do.
export const WRONG_ROLE_ON_APPROVAL = {
  status: 'refused',
  refusal: {
    ok: false,
    code: 'wrong_role',
    reason: { key: 'refusal.wrong_role', params: { role: 'approver' } },
    whatNow: [
      { key: 'next.by_role', params: { role: 'approver', actions: 'approve, reject' } },
      { key: 'next.none' },
    ],
  },
  lastDecision: null,
} as const;
