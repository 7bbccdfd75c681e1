variable "name_versions" {
  type = string
}
