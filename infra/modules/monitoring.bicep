// Log Analytics and a workspace-based Application Insights that accepts Microsoft Entra-authenticated ingestion
// only (local auth off): the app publishes with its identity (Monitoring Metrics Publisher).
@description('Name of the Log Analytics workspace')
param logAnalyticsName string

@description('Name of the Application Insights component')
param applicationInsightsName string

@description('Azure region')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Days logs are kept')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output applicationInsightsId string = applicationInsights.id
output applicationInsightsName string = applicationInsights.name
output connectionString string = applicationInsights.properties.ConnectionString
output workspaceId string = workspace.id
