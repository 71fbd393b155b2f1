// One fictional Microsoft 365 tenant shared by the fake connector and the activity builders, so the ids
// inside inbound activities match what the connector accepts. Teams id shapes
// (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics):
// `28:<app id>` the bot, `29:…` a user's Teams id (each user also has an Entra `aadObjectId`), `a:…` a
// personal chat, `19:…@thread.tacv2` a team or channel, `19:…@thread.v2` a group chat.

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  givenName: string;
  surname: string;
}

const APP_ID = '6e1c4a3d-2b5f-4e8a-9c71-0d2f3b4a5c6e';

export const TENANT = {
  tenantId: '8a1f0c2e-5b7d-4c3a-9e6f-1d2b3c4a5e6f',
  appId: APP_ID,
  bot: { id: `28:${APP_ID}`, name: 'mailops' },
  team: {
    id: '19:Xk3mP9qLr2Vw8Ty5Nb1Zc4Hd6Jf0Gs7@thread.tacv2',
    name: 'JDN Operasi E-mel',
    aadGroupId: '3c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
  },
  // A team's General channel has the team's own id.
  channels: {
    general: '19:Xk3mP9qLr2Vw8Ty5Nb1Zc4Hd6Jf0Gs7@thread.tacv2',
    approvals: '19:Qa7Rb2Sc9Td4Ue1Vf6Wg3Xh8Yi5Zj0Ak@thread.tacv2',
  },
  groupChat: '19:Mn4Op7Qr0St3Uv6Wx9Yz2Ab5Cd8Ef1Gh@thread.v2',
  users: {
    aminah: {
      id: '29:1Aminah7xQe3Kd9Lw2Pz5Rb8Tc1Vg4Yh6Nm0Js3Fk',
      name: 'Aminah binti Ali',
      aadObjectId: 'b1a2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      email: 'aminah@jdn.gov.my',
      userPrincipalName: 'aminah@jdn.gov.my',
      givenName: 'Aminah',
      surname: 'binti Ali',
    },
    rosli: {
      id: '29:1Rosli2bWf8Hj4Mk7Np0Qs3Tv6Xy9Za1Cd5Eg8Hi',
      name: 'Rosli bin Ahmad',
      aadObjectId: 'c2b3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      email: 'rosli@jdn.gov.my',
      userPrincipalName: 'rosli@jdn.gov.my',
      givenName: 'Rosli',
      surname: 'bin Ahmad',
    },
  } satisfies Record<string, TeamsUser>,
} as const;

// Teams gives each user one personal chat with the bot, whatever asks for it; derived here so a message
// from a user and a createConversation for that user land in the same chat.
export function personalChatOf(user: Pick<TeamsUser, 'id'>): string {
  return `a:1${user.id.slice(4)}`;
}
