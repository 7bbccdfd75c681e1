variable "name_outputs" {
  type = string
}
