// The app's user-assigned managed identity: it reads storage, Key Vault and publishes telemetry, and it is the
// identity the reporting database grants access to (see the README's deployment section).
@description('Name of the identity')
param name string

@description('Azure region')
param location string

@description('Tags for every resource')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
