variable "name_variables" {
  type = string
}
