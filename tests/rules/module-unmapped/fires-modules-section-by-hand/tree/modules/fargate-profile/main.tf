variable "name_main" {
  type = string
}
