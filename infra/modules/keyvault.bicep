// The integration's secrets, in a Key Vault in RBAC mode with soft delete and purge protection. A secret is
// written only when a value is given, so a redeployment without values leaves the stored ones (and rotations
// made with `az keyvault secret set`) alone.
@description('Name of the vault (3-24 letters, digits and dashes)')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Calabrio WFM API personal access token of the service account')
@secure()
param calabrioApiToken string = ''

@description('Calabrio historical-data API tenant key')
@secure()
param calabrioHistoricalTenantKey string = ''

@description('Calabrio historical-data API data source key')
@secure()
param calabrioDataSourceKey string = ''

@description('Resource id of the Log Analytics workspace that keeps the vault\'s audit events')
param logAnalyticsWorkspaceId string

@description('Calabrio RTA authentication key')
@secure()
param calabrioRtaAuthKey string = ''

@description('Wix Answers API token')
@secure()
param answersApiToken string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
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

// Key Vault secret names: the app setting names in lower case with dashes (config/SecretName.java).
resource apiToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(calabrioApiToken)) {
  parent: vault
  name: 'calabrio-api-token'
  properties: {
    value: calabrioApiToken
  }
}

resource historicalTenantKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(calabrioHistoricalTenantKey)) {
  parent: vault
  name: 'calabrio-historical-tenant-key'
  properties: {
    value: calabrioHistoricalTenantKey
  }
}

resource dataSourceKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(calabrioDataSourceKey)) {
  parent: vault
  name: 'calabrio-data-source-key'
  properties: {
    value: calabrioDataSourceKey
  }
}

resource rtaAuthKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(calabrioRtaAuthKey)) {
  parent: vault
  name: 'calabrio-rta-auth-key'
  properties: {
    value: calabrioRtaAuthKey
  }
}

resource answersToken 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(answersApiToken)) {
  parent: vault
  name: 'answers-api-token'
  properties: {
    value: answersApiToken
  }
}

// Who read or changed which secret, when: the vault's audit events, kept in Log Analytics.
resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
