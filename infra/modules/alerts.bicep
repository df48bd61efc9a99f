// What pages an operator: an action group e-mailing them, and log alerts on Application Insights for a failed
// orchestration, failed function executions, no successful historical day in 26 hours, real-time ticks failing
// for 5 minutes, and a real-time snapshot withheld because Wix Answers reported too few agents.
@description('Prefix of the alert names')
param namePrefix string

@description('Azure region of the alert rules')
param location string

@description('Tags for every resource')
param tags object = {}

@description('Resource id of the Application Insights component the alerts query')
param applicationInsightsId string

@description('Address the alerts are e-mailed to')
param alertEmail string

@description('Name of the orchestrator whose success is expected daily')
param historicalDayOrchestrator string = 'HistoricalDay'

@description('Name of the one-minute real-time function')
param realtimeFunctionName string = 'RealtimeTick'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'wfm-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var durableTaskTraces = 'traces | where customDimensions.Category == "Host.Triggers.DurableTask"'

var rules = [
  {
    name: 'failed-orchestration'
    description: 'An orchestration ended Failed: its custom status and error name what failed (a historical day lists each queue or agent).'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: '${durableTaskTraces} | where customDimensions.prop__state == "Failed" | project timestamp, instance = tostring(customDimensions.prop__instanceId), orchestration = tostring(customDimensions.prop__functionName), message'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'failed-executions'
    description: 'Function executions failed (triggers, orchestrator episodes or activities).'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'requests | where success == false | project timestamp, name, resultCode, operation_Id'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'no-historical-day'
    description: 'No historical day completed in 26 hours: Calabrio is missing yesterday\'s statistics.'
    severity: 1
    frequency: 'PT1H'
    window: 'P2D'
    query: '${durableTaskTraces} | where timestamp > ago(26h) | where customDimensions.prop__functionName == "${historicalDayOrchestrator}" | where customDimensions.prop__state == "Completed"'
    operator: 'LessThan'
    threshold: 1
  }
  {
    name: 'realtime-ticks-failing'
    description: 'Every real-time tick failed for 5 minutes: agents\' adherence states are not reaching Calabrio.'
    severity: 1
    frequency: 'PT1M'
    window: 'PT5M'
    query: 'requests | where name == "${realtimeFunctionName}" | summarize failed = countif(success == false), succeeded = countif(success == true) | where failed > 0 and succeeded == 0'
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    // Counted from the tick's own line (logged through the invocation's logger), not from the warning beside it.
    name: 'realtime-snapshot-withheld'
    description: 'A due RTA snapshot went as plain changes: Wix Answers reported no agent, or far fewer than the last snapshot. Nobody was logged out; check Wix Answers\' agent activity service.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | where message startswith "rta-tick " | extend tick = parse_json(substring(message, 9)) | where isnotempty(tostring(tick.snapshotWithheld)) | project timestamp, reason = tostring(tick.snapshotWithheld)'
    operator: 'GreaterThan'
    threshold: 0
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  properties: {
    displayName: '${namePrefix}: ${rule.name}'
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
    autoMitigate: true
  }
}]

output actionGroupId string = actionGroup.id
