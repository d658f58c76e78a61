{{/* Chart name, overridable. */}}
{{- define "sessiongrid.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-<chart>", or the release name alone when it already holds the chart name. At most 52
characters: a longer StatefulSet name breaks its pods' controller-revision-hash label. */}}
{{- define "sessiongrid.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The headless Service members find each other through (DNS discovery). */}}
{{- define "sessiongrid.membersService" -}}
{{- printf "%s-members" (include "sessiongrid.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sessiongrid.membersDns" -}}
{{- printf "%s.%s.svc.%s" (include "sessiongrid.membersService" .) .Release.Namespace .Values.clusterDomain }}
{{- end }}

{{- define "sessiongrid.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sessiongrid.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "sessiongrid.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "sessiongrid.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "sessiongrid.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Refuses values a schema cannot compare: the grace period must outlast the member's hand-over. */}}
{{- define "sessiongrid.validate" -}}
{{- $needed := add (int .Values.preStopSleepSeconds) (int .Values.http.drainTimeoutSeconds) (int .Values.cluster.shutdownTimeoutSeconds) }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be larger than preStopSleepSeconds + http.drainTimeoutSeconds + cluster.shutdownTimeoutSeconds (%d + %d + %d): Kubernetes would kill a member while it still hands its sessions over" (int .Values.terminationGracePeriodSeconds) (int .Values.preStopSleepSeconds) (int .Values.http.drainTimeoutSeconds) (int .Values.cluster.shutdownTimeoutSeconds)) }}
{{- end }}
{{- $quorum := int (include "sessiongrid.writeQuorum" .) }}
{{- if and (gt $quorum 0) (ge $quorum (int .Values.replicaCount)) }}
{{- fail (printf "cluster.writeQuorum (%d) must be below replicaCount (%d): with every member needed, each rolling restart, drain or crash would refuse writes; use a majority" $quorum (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.hosts) }}
{{- fail "ingress.enabled needs at least one entry in ingress.hosts" }}
{{- end }}
{{- include "sessiongrid.validateStore" . }}
{{- if and .Values.http.tls.enabled (not .Values.http.tls.existingSecret) }}
{{- fail "http.tls.enabled needs http.tls.existingSecret: a Secret holding the PKCS12 key store (key http.tls.keyStoreKey) and its password (key http.tls.passwordKey)" }}
{{- end }}
{{- if and .Values.serviceMonitor.enabled .Values.security.enabled .Values.security.prometheusRequiresAdmin .Values.security.existingSecret (not .Values.serviceMonitor.tokenSecret.name) }}
{{- fail "serviceMonitor.enabled with security.prometheusRequiresAdmin and security.existingSecret needs serviceMonitor.tokenSecret.name: a Secret holding an admin token for apps [\"*\"] that Prometheus sends; or set security.prometheusRequiresAdmin=false" }}
{{- end }}
{{- end }}

{{/* http or https, as the nodes serve their port. */}}
{{- define "sessiongrid.scheme" -}}
{{- if .Values.http.tls.enabled }}https{{ else }}http{{ end }}
{{- end }}

{{/* The Secret the tokens file comes from: the operator's, or the one the chart generates. */}}
{{- define "sessiongrid.tokensSecret" -}}
{{- .Values.security.existingSecret | default (printf "%s-tokens" (include "sessiongrid.fullname" .)) -}}
{{- end }}

{{/* The key of the tokens file in that Secret. */}}
{{- define "sessiongrid.tokensKey" -}}
{{- if .Values.security.existingSecret -}}{{ .Values.security.tokensKey }}{{- else -}}tokens.yml{{- end -}}
{{- end }}

{{/* The node's configuration files: the ConfigMap's, then the tokens from the Secret. */}}
{{- define "sessiongrid.configFiles" -}}
{{- if .Values.security.enabled -}}
/etc/sessiongrid/sessiongrid.yml,/etc/sessiongrid-tokens/tokens.yml
{{- else -}}
/etc/sessiongrid/sessiongrid.yml
{{- end -}}
{{- end }}

{{/* The durable tier: a durable policy needs a store (the node refuses to start without one, so the
pods would crash-loop), and no secret may reach the ConfigMap. */}}
{{- define "sessiongrid.validateStore" -}}
{{- $store := .Values.store }}
{{- if not $store.jdbcUrl }}
{{- $durable := list }}
{{- $defaults := .Values.policies.defaults | default dict }}
{{- with index $defaults "durability" }}
{{- if ne (toString .) "NONE" }}
{{- $durable = append $durable (printf "policies.defaults.durability is %s" .) }}
{{- end }}
{{- end }}
{{- range $app, $policy := .Values.policies.apps }}
{{- if kindIs "map" $policy }}
{{- with index $policy "durability" }}
{{- if ne (toString .) "NONE" }}
{{- $durable = append $durable (printf "policies.apps.%s.durability is %s" $app .) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- if $durable }}
{{- fail (printf "%s but store.jdbcUrl is empty: the node refuses to start with a durable policy and no store, so every pod would crash-loop; set store.jdbcUrl (and store.existingSecret) or durability NONE" (join ", " $durable)) }}
{{- end }}
{{- end }}
{{- if regexMatch "(?i)[?&;](ssl)?password=" $store.jdbcUrl }}
{{- fail "store.jdbcUrl must not carry a password: the URL is written into the ConfigMap, which anyone allowed to read ConfigMaps can read; put the password in the Secret named by store.existingSecret (key store.passwordKey)" }}
{{- end }}
{{- if and $store.usernameKey (not $store.existingSecret) }}
{{- fail (printf "store.usernameKey (%s) names a key of store.existingSecret, which is empty" $store.usernameKey) }}
{{- end }}
{{- if and $store.usernameKey $store.username }}
{{- fail "set store.username or store.usernameKey, not both: the user from the Secret would silently override store.username" }}
{{- end }}
{{- end }}

{{/* The write quorum the members get: "majority" is replicaCount / 2 + 1 from three members, else off. */}}
{{- define "sessiongrid.writeQuorum" -}}
{{- if eq (toString .Values.cluster.writeQuorum) "majority" -}}
{{- if ge (int .Values.replicaCount) 3 }}{{ add (div (int .Values.replicaCount) 2) 1 }}{{ else }}0{{ end -}}
{{- else -}}
{{- int .Values.cluster.writeQuorum -}}
{{- end -}}
{{- end }}
