// RC Pulse in Azure: one Linux web app running the whole server (bot, results tab, tab API,
// /healthz), the Azure Bot Service registration with the Teams channel, a Storage account for
// tables and queues, a Key Vault for the two secrets, and workspace-based Application Insights.
// No keys and no client secrets: one user-assigned managed identity is both the bot's identity
// and the web app's way into storage (which refuses shared keys) and into Key Vault. The two
// secrets (for respondent keys and for family links) arrive as secure parameters, are stored
// in Key Vault, and reach the web app as Key Vault references: never as plain app settings.
// Outputs are named like the environment variables they fill: the Agents Toolkit (formerly Teams
// Toolkit) writes them into env/.env.<environment>, which is committed, so no output may hold a
// secret.

@maxLength(20)
@minLength(4)
@description('Base of every resource name: rcpulse plus the RESOURCE_SUFFIX of the environment.')
param resourceBaseName string

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan size. B1 is the smallest with Always On; choose a P-series plan for a live service.')
param webAppSku string = 'B1'

@maxLength(42)
@description('The bot name shown in the Azure portal.')
param botDisplayName string = 'RC Pulse'

@description('The Teams app id from the manifest (TEAMS_APP_ID), for the link to the results tab.')
param teamsAppId string

@description('Client id of the Entra app registration the tab signs in with (TAB_CLIENT_ID). The server refuses to start while it is empty.')
param tabClientId string

@minLength(1)
@maxLength(30)
@description('Prefix of every table and queue name (STORAGE_NAME_PREFIX).')
param storageNamePrefix string = 'rcpulse'

// Kept out of deployment logs by @secure(). It must stay the same for the life of the
// environment: a new value while a pulse is open would let people answer twice.
@secure()
@minLength(32)
@description('Secret for respondent keys (SECRET_LEDGER_HMAC_KEY), from env/.env.<environment>.user.')
param secretLedgerHmacKey string

// Signs family links (/f/<linkId>.<signature>). A new value makes every link already handed
// out fail its check, so it too is made once and kept.
@secure()
@minLength(32)
@description('Secret that signs family links (SECRET_LINK_KEY), from env/.env.<environment>.user.')
param secretLinkKey string

// A site cannot read its own defaultHostName while it is being defined, and App Service names
// a new app <name>.azurewebsites.net, so this one value is used wherever the address is needed.
var webAppHostName = '${resourceBaseName}.azurewebsites.net'
var publicUrl = 'https://${webAppHostName}'
// The tab's Entra app exposes its API under this URI (aad.manifest.json sets the same), so it
// is derived here rather than typed in twice.
var tabAppIdUri = 'api://${webAppHostName}/${tabClientId}'

// Storage account names are 3 to 24 lower-case letters and digits, unique across Azure.
var storageAccountName = 'st${take(toLower(replace(resourceBaseName, '-', '')), 9)}${uniqueString(resourceGroup().id)}'
// The Table endpoint, without a trailing slash: the server finds the Queue endpoint from it
// by replacing .table. with .queue., and reaches both with the managed identity.
var storageTableEndpoint = 'https://${storageAccountName}.table.${environment().suffixes.storage}'

// Built-in roles that let the identity read and write entities and queue messages, and create
// the tables and queues it needs at start-up. Nothing more: no keys, no account management.
var storageRoleIds = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]

// Key Vault names are 3 to 24 letters, digits and hyphens, unique across Azure.
var keyVaultName = 'kv${take(toLower(replace(resourceBaseName, '-', '')), 9)}${uniqueString(resourceGroup().id)}'
// Built-in role: read secret values, nothing else (no listing keys, no writing, no purging).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// The one identity: the bot signs in to the Bot Framework as it, and the web app uses it for storage.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in storageRoleIds: {
  name: guid(storageAccount.id, identity.id, roleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

// Secrets live here; access is by Azure RBAC only (no access policies to drift), and a deleted
// vault or secret can be recovered for 90 days and never purged early, because losing the
// respondent-key secret while a pulse is open would let people answer twice.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource ledgerHmacKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'ledger-hmac-key'
  properties: {
    value: secretLedgerHmacKey
  }
}

resource linkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'link-key'
  properties: {
    value: secretLinkKey
  }
}

// The identity may read the vault's secrets, which is all App Service needs to resolve the
// Key Vault references below.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: resourceBaseName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: resourceBaseName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
  }
}

// Each app setting is a variable the server reads at start-up, or one the platform or the Azure
// SDK reads (listed in tests/unit/infra). PORT is left out: App Service gives the process one.
resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    // Key Vault references are resolved as this identity (the default would be a system-assigned
    // identity, which this app does not have).
    keyVaultReferenceIdentity: identity.id
    reserved: true
    httpsOnly: true
    // The server keeps no state between requests, so any instance may answer.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // tsc -p tsconfig.build.json compiles bot/index.ts to dist/bot/index.js.
      appCommandLine: 'node dist/bot/index.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // 200 when storage answers, 503 when not.
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        // App Service sends requests to the container's own network interface, not loopback.
        {
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'PUBLIC_URL'
          value: publicUrl
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: storageTableEndpoint
        }
        {
          name: 'STORAGE_NAME_PREFIX'
          value: storageNamePrefix
        }
        // Resolved by App Service from Key Vault at start-up; the versionless URI follows a new
        // version of the secret after a restart.
        {
          name: 'SECRET_LEDGER_HMAC_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${ledgerHmacKeySecret.properties.secretUri})'
        }
        {
          name: 'SECRET_LINK_KEY'
          value: '@Microsoft.KeyVault(SecretUri=${linkKeySecret.properties.secretUri})'
        }
        {
          name: 'MICROSOFT_APP_ID'
          value: identity.properties.clientId
        }
        {
          name: 'MICROSOFT_APP_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MICROSOFT_APP_TENANT_ID'
          value: identity.properties.tenantId
        }
        // DefaultAzureCredential (storage) picks the user-assigned identity by this client id.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          name: 'AUTH_MODE'
          value: 'entra'
        }
        {
          name: 'TAB_CLIENT_ID'
          value: tabClientId
        }
        {
          name: 'TAB_APP_ID_URI'
          value: tabAppIdUri
        }
        // The server sends its own telemetry here, redacted (docs/telemetry.md).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // The platform's agent stays off: it would trace everything a second time, unredacted.
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: 'disabled'
        }
        // The package arrives built (dist/, tab/dist/, production node_modules).
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
  // The first start should find its storage roles and its way to the secrets in place.
  dependsOn: [
    storageRoles
    keyVaultSecretsUser
  ]
}

// Register the web app as a bot with the Bot Framework, signing in as the managed identity.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    botDisplayName: botDisplayName
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    identityTenantId: identity.properties.tenantId
    botAppDomain: webAppHostName
  }
}

// Written to env/.env.<environment> by the Agents Toolkit (https://aka.ms/teamsfx-actions/arm-deploy).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webAppHostName
output PUBLIC_URL string = publicUrl
output BOT_ID string = identity.properties.clientId
output MICROSOFT_APP_TENANT_ID string = identity.properties.tenantId
output STORAGE_ACCOUNT_URL string = storageTableEndpoint
output TAB_APP_ID_URI string = tabAppIdUri
output KEY_VAULT_NAME string = keyVault.name
