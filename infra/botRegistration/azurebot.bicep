// The Azure Bot Service registration for RC Pulse, connected to Microsoft Teams.
//
// The bot has no app registration and no client secret: its identity is the web app's
// user-assigned managed identity (msaAppType UserAssignedMSI), so there is nothing to leak
// or rotate. Such a bot is single tenant: it serves the tenant the identity belongs to.

@maxLength(20)
@minLength(4)
@description('Used to name the bot registration (the same base name as the other resources).')
param resourceBaseName string

@maxLength(42)
@description('The bot name shown in the Azure portal.')
param botDisplayName string

@description('Bot handle; unique across Azure.')
param botServiceName string = resourceBaseName

@description('F0 is free; Teams messages are not charged on either tier.')
param botServiceSku string = 'F0'

@description('Resource id of the managed identity the bot signs in as.')
param identityResourceId string

@description('Client id of that identity: the bot id (MICROSOFT_APP_ID, BOT_ID).')
param identityClientId string

@description('Tenant of that identity (MICROSOFT_APP_TENANT_ID).')
param identityTenantId string

@description('Host name of the web app that serves /api/messages.')
param botAppDomain string

// Registers the web app with the Bot Framework, which then sends Teams activities to it.
resource botService 'Microsoft.BotService/botServices@2021-03-01' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
}

// Without this channel Teams cannot reach the bot at all.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2021-03-01' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
