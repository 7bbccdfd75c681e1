output "cluster_arn" {
  value = "arn"
}
