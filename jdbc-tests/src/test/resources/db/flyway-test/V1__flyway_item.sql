create table flyway_item (id int primary key, name varchar(20));
